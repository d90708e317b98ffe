// File helpers; see files.h.
#include "io/files.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "io/errors.h"

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

void write_file_atomically(const std::string& path, const std::string& content) {
  write_file_atomically(path, [&](const ByteSink& sink) { sink(content); });
}

void write_file_atomically(const std::string& path, const std::function<void(const ByteSink&)>& produce) {
  // The temp file, closed and removed on every way out but a successful rename.
  struct TempFile {
    std::string name;
    std::FILE* f = nullptr;
    bool renamed = false;
    ~TempFile() {
      if (f != nullptr) std::fclose(f);
      if (!renamed) std::remove(name.c_str());
    }
  } tmp{path + ".tmp." + std::to_string(::getpid())};
  auto fail = [&](int error) {
    throw OutputError("cannot write " + path + ": " + std::strerror(error));
  };
  tmp.f = std::fopen(tmp.name.c_str(), "wb");
  if (tmp.f == nullptr) fail(errno);
  produce([&](std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), tmp.f) != bytes.size()) fail(errno);
  });
  if (std::fflush(tmp.f) != 0 || ::fsync(::fileno(tmp.f)) != 0) fail(errno);
  const int closed = std::fclose(tmp.f);
  tmp.f = nullptr;
  if (closed != 0) fail(errno);
  if (std::rename(tmp.name.c_str(), path.c_str()) != 0) fail(errno);
  tmp.renamed = true;
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
