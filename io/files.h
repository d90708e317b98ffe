// Reading whole files and writing them atomically (temp file in the same directory, then
// rename), so that a failure mid-write leaves the previous file intact.
#pragma once

#include <cstddef>
#include <string>

namespace drsim {

// Reads a file; InputError when it cannot be read or is larger than max_bytes.
std::string read_file(const std::string& path, size_t max_bytes);

// Writes content to path atomically; OutputError (naming the path and the reason) on failure.
void write_file_atomically(const std::string& path, const std::string& content);

// Creates a directory and its parents; OutputError on failure.
void make_directories(const std::string& path);

// Hex SHA-256 of a byte string.
std::string sha256_hex(const std::string& bytes);

}  // namespace drsim
