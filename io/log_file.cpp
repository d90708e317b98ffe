// Event-log files; see log_file.h.
#include "io/log_file.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/delimited_message_util.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "io/errors.h"
#include "io/files.h"
#include "sim/time.h"

namespace drsim {

namespace pb = google::protobuf;

std::string encode_drlog(const log::Header& header, const std::vector<log::Record>& records) {
  std::string out(kLogMagic, sizeof kLogMagic);
  {
    pb::io::StringOutputStream raw(&out);
    pb::io::CodedOutputStream coded(&raw);
    pb::util::SerializeDelimitedToCodedStream(header, &coded);
    for (const log::Record& r : records) pb::util::SerializeDelimitedToCodedStream(r, &coded);
  }
  return out;
}

LogFile decode_drlog(const std::string& path, const std::string& bytes) {
  if (bytes.size() < sizeof kLogMagic || std::memcmp(bytes.data(), kLogMagic, sizeof kLogMagic) != 0)
    throw InputError(path, "is not a drsim event log (missing the DRSIMLG1 header)");
  LogFile out;
  pb::io::ArrayInputStream raw(bytes.data() + sizeof kLogMagic,
                               static_cast<int>(bytes.size() - sizeof kLogMagic));
  bool clean_eof = false;
  if (!pb::util::ParseDelimitedFromZeroCopyStream(&out.header, &raw, &clean_eof))
    throw InputError(path, "event log header is truncated or corrupt");
  int64_t last_time = INT64_MIN;
  for (;;) {
    log::Record r;
    if (!pb::util::ParseDelimitedFromZeroCopyStream(&r, &raw, &clean_eof)) {
      if (clean_eof) break;
      throw InputError(path, "record " + std::to_string(out.records.size()) +
                                 " of the event log is truncated or corrupt");
    }
    if (r.time_us() < last_time)
      throw InputError(path, "record " + std::to_string(out.records.size()) +
                                 " goes back in time: the event log is corrupt");
    last_time = r.time_us();
    out.records.push_back(std::move(r));
  }
  return out;
}

void write_drlog(const std::string& path, const log::Header& header,
                 const std::vector<log::Record>& records) {
  // Streamed in chunks of about 1 MiB: a log of millions of records needs no second copy.
  write_file_atomically(path, [&](const ByteSink& sink) {
    constexpr size_t kChunkBytes = size_t{1} << 20;
    std::string chunk = encode_drlog(header, {});
    for (const log::Record& r : records) {
      {
        pb::io::StringOutputStream raw(&chunk);
        pb::io::CodedOutputStream coded(&raw);
        pb::util::SerializeDelimitedToCodedStream(r, &coded);
      }
      if (chunk.size() >= kChunkBytes) {
        sink(chunk);
        chunk.clear();
      }
    }
    sink(chunk);
  });
}

LogFile read_drlog(const std::string& path) {
  return decode_drlog(path, read_file(path, kMaxLogBytes));
}

namespace {
std::string field_text(const log::Field& f) {
  char buf[64];
  switch (f.value_case()) {
    case log::Field::kIntValue:
      std::snprintf(buf, sizeof buf, "%" PRId64, f.int_value());
      return buf;
    case log::Field::kDoubleValue:
      std::snprintf(buf, sizeof buf, "%.6g", f.double_value());
      return buf;
    case log::Field::kStringValue: {
      const std::string& s = f.string_value();
      if (s.find(' ') != std::string::npos) return "\"" + s + "\"";
      return s;
    }
    default:
      return "";
  }
}
}  // namespace

std::string format_record(const log::Record& r) {
  char head[96];
  std::snprintf(head, sizeof head, "%s  #%-6" PRIu64 " %-26s ",
                format_instant(Instant::from_us(r.time_us())).c_str(), r.seq(), r.kind().c_str());
  std::string out = head;
  out += r.subject();
  for (const log::Field& f : r.fields()) out += "  " + f.key() + "=" + field_text(f);
  return out;
}

std::string format_timeline(const std::vector<log::Record>& records) {
  std::string out;
  for (const log::Record& r : records) {
    out += format_record(r);
    out += '\n';
  }
  return out;
}

}  // namespace drsim
