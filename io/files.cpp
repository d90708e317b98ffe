// File helpers; see files.h.
#include "io/files.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "io/errors.h"
#include "sim/check.h"

namespace drsim {

std::string read_file(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path, "is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
  std::string content;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    content.append(buf, static_cast<size_t>(in.gcount()));
    if (content.size() > max_bytes)
      throw InputError(path, "is larger than the limit of " + std::to_string(max_bytes) + " bytes");
  }
  if (in.bad()) throw InputError(path, "read failed");
  return content;
}

namespace {

// What kind of file a mode is, for "not a regular file (a character device)".
const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a fifo";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string directory_of(const std::string& file) {
  const std::string dir = std::filesystem::path(file).parent_path().string();
  return dir.empty() ? "." : dir;
}

// Why `target` (symlinks already followed) must not be replaced, or empty. Sets *mode to the
// existing file's permissions (or -1 when there is none).
std::string refuse_target(const std::string& target, int* mode) {
  *mode = -1;
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) return "";  // nothing there (yet): fine
  if (S_ISDIR(st.st_mode)) return std::strerror(EISDIR);
  if (!S_ISREG(st.st_mode))
    return std::string("it is ") + file_kind(st.st_mode) +
           ", not a regular file: refusing to replace it";
  *mode = static_cast<int>(st.st_mode & 07777);
  return "";
}

// The directory entry of a rename survives a crash only once the directory is synced.
void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  (void)::fsync(fd);  // EINVAL on file systems that cannot sync directories: nothing to do
  ::close(fd);
}

}  // namespace

std::string resolve_output_path(const std::string& path) {
  std::filesystem::path p(path);
  // The kernel's own limit on links followed in one lookup.
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!std::filesystem::is_symlink(p, ec)) return p.string();
    const std::filesystem::path to = std::filesystem::read_symlink(p, ec);
    if (ec) throw OutputError("cannot write " + path + ": " + ec.message());
    p = to.is_absolute() ? to : p.parent_path() / to;
  }
  throw OutputError("cannot write " + path + ": " + std::strerror(ELOOP));
}

void check_writable(const std::string& path) {
  // The temp file is made and removed once: what the real write will need, on any file
  // system (/proc, read-only mounts, permissions, a missing directory).
  AtomicFile probe(path);
}

void prepare_output_directory(const std::string& dir) {
  make_directories(dir);
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw OutputError("cannot write " + dir + ": " + std::strerror(errno));
  check_writable(dir + "/.drsim-write-check");
}

AtomicFile::AtomicFile(const std::string& path) : path_(path) {
  int mode = -1;
  // Through the links first: /dev/stdout ends in a link the kernel resolves ("pipe:[N]").
  if (const std::string why = refuse_target(path_, &mode); !why.empty())
    throw OutputError("cannot write " + path_ + ": " + why);
  target_ = resolve_output_path(path_);
  if (const std::string why = refuse_target(target_, &mode); !why.empty())
    throw OutputError("cannot write " + path_ + ": " + why);
  temp_ = target_ + ".tmp." + std::to_string(::getpid());
  f_ = std::fopen(temp_.c_str(), "wb");
  if (f_ == nullptr) fail(errno);
  // A replaced file keeps its permissions (a report shared with a group stays shared).
  if (mode >= 0 && ::fchmod(::fileno(f_), static_cast<mode_t>(mode)) != 0) {
    const int error = errno;
    std::fclose(f_);
    std::remove(temp_.c_str());
    fail(error);
  }
}

AtomicFile::~AtomicFile() {
  if (f_ != nullptr) std::fclose(f_);
  if (!committed_ && !temp_.empty()) std::remove(temp_.c_str());
}

void AtomicFile::fail(int error) const {
  throw OutputError("cannot write " + path_ + ": " + std::strerror(error));
}

void AtomicFile::write(std::string_view bytes) {
  DRSIM_CHECK(f_ != nullptr && !committed_, "AtomicFile::write after finish() or commit()");
  if (std::fwrite(bytes.data(), 1, bytes.size(), f_) != bytes.size()) fail(errno);
}

void AtomicFile::finish() {
  if (f_ == nullptr) return;
  if (std::fflush(f_) != 0 || ::fsync(::fileno(f_)) != 0) fail(errno);
  const int closed = std::fclose(f_);
  f_ = nullptr;
  if (closed != 0) fail(errno);
}

void AtomicFile::commit() {
  DRSIM_CHECK(!committed_, "AtomicFile::commit called twice");
  finish();
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) fail(errno);
  committed_ = true;
  sync_directory(directory_of(target_));
}

void write_file_atomically(const std::string& path, const std::string& content) {
  AtomicFile f(path);
  f.write(content);
  f.commit();
}

void write_file_atomically(const std::string& path,
                           const std::function<void(const ByteSink&)>& produce) {
  AtomicFile f(path);
  produce([&](std::string_view bytes) { f.write(bytes); });
  f.commit();
}

void OutputSet::add(const std::string& path, const std::string& content) {
  add(path, [&](const ByteSink& sink) { sink(content); });
}

void OutputSet::add(const std::string& path, const std::function<void(const ByteSink&)>& produce) {
  // Checked before the temp file is made: another output on this file would truncate it.
  check_distinct(path);
  auto f = std::make_unique<AtomicFile>(path);
  produce([&](std::string_view bytes) { f->write(bytes); });
  f->finish();
  files_.push_back(std::move(f));
}

void OutputSet::add(std::unique_ptr<AtomicFile> file) {
  check_distinct(file->path());
  file->finish();
  files_.push_back(std::move(file));
}

void OutputSet::check_distinct(const std::string& path) const {
  // Two outputs on one file would share its temp file and lose one of them.
  auto same_file = [](const std::string& a) {
    std::error_code ec;
    const auto p = std::filesystem::weakly_canonical(resolve_output_path(a), ec);
    return ec ? resolve_output_path(a) : p.string();
  };
  const std::string target = same_file(path);
  for (const auto& other : files_)
    if (same_file(other->path()) == target)
      throw OutputError("cannot write " + path + ": it is also " + other->path() +
                        ", another output");
}

void OutputSet::after_commit(std::function<void()> step) { after_.push_back(std::move(step)); }

std::vector<std::string> OutputSet::commit() {
  std::vector<std::string> paths;
  for (const auto& f : files_) {
    f->commit();
    paths.push_back(f->path());
  }
  files_.clear();
  std::vector<std::function<void()>> steps = std::move(after_);
  after_.clear();
  for (const auto& step : steps) step();
  return paths;
}

void make_directories(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) throw OutputError("cannot create directory " + path + ": " + ec.message());
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace drsim
