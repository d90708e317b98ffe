// Reading whole files and writing them atomically (temp file beside the target, then rename),
// so that a failure mid-write leaves the previous file intact.
//
// Every output goes through AtomicFile: a symlink is followed and its target replaced (the
// link stays a link), the target must be a regular file when it exists (a device, a fifo or
// a directory is refused before anything is written), the old file's permissions are kept,
// and the data and the directory entry are synced. Commands check their outputs with
// check_writable() before the work, and write several outputs as one OutputSet.
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace drsim {

// Reads a file; InputError when it cannot be read or is larger than max_bytes.
std::string read_file(const std::string& path, size_t max_bytes);

// The file a write to `path` replaces: `path` with every symlink followed (a dangling one
// names the file it would create). OutputError for a symlink loop.
std::string resolve_output_path(const std::string& path);

// Checks that `path` can be written atomically, before any work is done: its directory
// exists and is writable, and the target, if it exists, is a regular file (after symlinks).
// OutputError "cannot write PATH: REASON" otherwise.
void check_writable(const std::string& path);

// Creates a directory for outputs (and its parents) and checks it is writable; OutputError
// "cannot create directory DIR: REASON" or "cannot write DIR: REASON" otherwise.
void prepare_output_directory(const std::string& dir);

// Receives the bytes of a file being written, in pieces; OutputError when they cannot be
// written (a full disk, a file-size limit).
using ByteSink = std::function<void(std::string_view bytes)>;

// One output being written: bytes go to a temp file beside the resolved target
// (TARGET.tmp.PID), which commit() syncs and renames over the target. Destroyed uncommitted
// (an exception, Ctrl-C handled by the caller), it removes the temp file and the previous
// file stays byte for byte as it was.
class AtomicFile {
 public:
  explicit AtomicFile(const std::string& path);  // OutputError when it cannot be created
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  void write(std::string_view bytes);
  // Flushes, syncs and closes the temp file; commit() then only renames. Idempotent.
  void finish();
  // finish(), then renames the temp file over the target and syncs its directory.
  void commit();
  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void fail(int error) const;
  std::string path_, target_, temp_;
  std::FILE* f_ = nullptr;
  bool committed_ = false;
};

// Writes content to path atomically; OutputError (naming the path and the reason) on failure.
void write_file_atomically(const std::string& path, const std::string& content);

// Writes a file atomically from a producer that hands its bytes to a sink in pieces, so a
// large output never needs a second copy in memory. If the producer throws or a write fails
// part-way, the temp file is removed, the previous file at `path` stays byte for byte as it
// was, and the exception propagates (OutputError naming the path for I/O failures).
void write_file_atomically(const std::string& path,
                           const std::function<void(const ByteSink&)>& produce);

// Several outputs of one command, replaced together: each add() writes a complete temp file,
// commit() renames them all. A failure before commit() (an unwritable file, a full disk, an
// exception) leaves every previous output as it was, so a command never leaves a mixed set
// of old and new files.
class OutputSet {
 public:
  void add(const std::string& path, const std::string& content);
  void add(const std::string& path, const std::function<void(const ByteSink&)>& produce);
  // A file written bit by bit elsewhere (a grid's CSV, row by row), finished here.
  void add(std::unique_ptr<AtomicFile> file);
  // Work that follows the renames (removing what an earlier output set left), in order.
  void after_commit(std::function<void()> step);
  // Renames every file into place, in the order added, then runs the after_commit steps;
  // returns the paths renamed.
  std::vector<std::string> commit();

 private:
  void check_distinct(const std::string& path) const;
  std::vector<std::unique_ptr<AtomicFile>> files_;
  std::vector<std::function<void()>> after_;
};

// Creates a directory and its parents; OutputError on failure.
void make_directories(const std::string& path);

// Hex SHA-256 of a byte string.
std::string sha256_hex(const std::string& bytes);

}  // namespace drsim
