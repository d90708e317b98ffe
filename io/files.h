// Reading whole files and writing them atomically (temp file in the same directory, then
// rename), so that a failure mid-write leaves the previous file intact.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace drsim {

// Reads a file; InputError when it cannot be read or is larger than max_bytes.
std::string read_file(const std::string& path, size_t max_bytes);

// Writes content to path atomically; OutputError (naming the path and the reason) on failure.
void write_file_atomically(const std::string& path, const std::string& content);

// Receives the bytes of a file being written, in pieces; OutputError when they cannot be
// written (a full disk, a file-size limit).
using ByteSink = std::function<void(std::string_view bytes)>;

// Writes a file atomically from a producer that hands its bytes to a sink in pieces, so a
// large output never needs a second copy in memory. The bytes go to a temp file beside
// `path` (path.tmp.PID), which is synced and renamed over `path` only once the producer
// returns. If the producer throws or a write fails part-way, the temp file is removed, the
// previous file at `path` stays byte for byte as it was, and the exception propagates
// (OutputError naming the path for I/O failures).
void write_file_atomically(const std::string& path, const std::function<void(const ByteSink&)>& produce);

// Creates a directory and its parents; OutputError on failure.
void make_directories(const std::string& path);

// Hex SHA-256 of a byte string.
std::string sha256_hex(const std::string& bytes);

}  // namespace drsim
