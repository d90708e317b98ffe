// Event-log files: the binary .drlog (magic, length-delimited header and records) and the
// one-line-per-record text timeline. Both are written atomically.
#pragma once

#include <string>
#include <vector>

#include "proto/eventlog.pb.h"

namespace drsim {

inline constexpr char kLogMagic[8] = {'D', 'R', 'S', 'I', 'M', 'L', 'G', '1'};
// A .drlog larger than this is refused when read (about 20 million records).
inline constexpr size_t kMaxLogBytes = size_t{2} << 30;

struct LogFile {
  log::Header header;
  std::vector<log::Record> records;
};

// Serialises a log to the .drlog byte format.
std::string encode_drlog(const log::Header& header, const std::vector<log::Record>& records);
// Parses .drlog bytes; InputError (naming `path`) when they are not a well-formed log.
LogFile decode_drlog(const std::string& path, const std::string& bytes);

void write_drlog(const std::string& path, const log::Header& header,
                 const std::vector<log::Record>& records);
LogFile read_drlog(const std::string& path);

// "d+0 10:00:00.000  #12     site.down            dc1  cause=scripted"
std::string format_record(const log::Record& record);
std::string format_timeline(const std::vector<log::Record>& records);

}  // namespace drsim
