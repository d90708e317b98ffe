// Event-log files: the binary .drlog (magic, length-delimited header and records) and the
// one-line-per-record text timeline. Both are written atomically.
#pragma once

#include <string>
#include <vector>

#include "io/files.h"
#include "proto/eventlog.pb.h"

namespace drsim {

inline constexpr char kLogMagic[8] = {'D', 'R', 'S', 'I', 'M', 'L', 'G', '1'};

// What a .drlog read back may hold (docs/scenarios.md, "Limits"). A record takes far more
// memory decoded than on disk (an empty field is 2 bytes in the file and about 70 in
// memory), so the reader counts records and fields from the lengths and tags and refuses a
// file past these caps before it decodes a record. `drsim report` of the worst file within
// them (2 million records of six 16-byte fields, 250 MB) peaks at 3.1 GB; of one that is all
// empty fields, 1.8 GB (docs/scenarios.md, "Limits").
//   records: the most a run can write (the schema's maximum of max_log_records);
inline constexpr size_t kMaxLogRecords = 2'000'000;
//   fields: 64 in one record (the model writes at most 30), 6 per record on average (it
//   writes 2 to 3, 5 in a log of nothing but short incidents);
inline constexpr size_t kMaxLogFieldsPerRecord = 64;
inline constexpr size_t kMaxLogFields = 6 * kMaxLogRecords;
//   bytes: 64 KiB in one record (names and notes are at most 1 KiB each: sim/validate.h),
//   128 bytes per record on average in the file (the model writes about 90).
inline constexpr size_t kMaxLogRecordBytes = size_t{64} << 10;
inline constexpr size_t kMaxLogBytes = 128 * kMaxLogRecords;

struct LogFile {
  log::Header header;
  std::vector<log::Record> records;
};

// Serialises a log to the .drlog byte format.
std::string encode_drlog(const log::Header& header, const std::vector<log::Record>& records);
// Parses .drlog bytes; InputError (naming `path`) when they are not a well-formed log or break
// its rules, as "PATH: error: record N: RULE": a header horizon in (0, 100 years]; records
// with 0 <= time_us <= the horizon, time never going back and seq increasing; every field
// within the ranges of sim/event_log.h (log_field_problem); the caps above. Readers of a
// decoded log may rely on all of these.
LogFile decode_drlog(const std::string& path, const std::string& bytes);

// The .drlog bytes of encode_drlog, handed to `sink` in chunks of about 1 MiB, so that a log
// of millions of records needs no second copy in memory.
void stream_drlog(const log::Header& header, const std::vector<log::Record>& records,
                  const ByteSink& sink);
void write_drlog(const std::string& path, const log::Header& header,
                 const std::vector<log::Record>& records);
LogFile read_drlog(const std::string& path);

// "d+0 10:00:00.000  #12     site.down            dc1  cause=scripted"
std::string format_record(const log::Record& record);
std::string format_timeline(const std::vector<log::Record>& records);

}  // namespace drsim
