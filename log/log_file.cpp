// Event-log files; see log_file.h.
#include "log/log_file.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/delimited_message_util.h>
#include <google/protobuf/wire_format_lite.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string_view>

#include "io/errors.h"
#include "io/files.h"
#include "log/record_limits.h"
#include "sim/limits.h"
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

namespace {

// A position in the .drlog bytes, read with protobuf's CodedInputStream (varints, tags and
// skipping fields as the wire format defines them); the file is at most kMaxLogBytes, well
// within the stream's int-sized limit.
pb::io::CodedInputStream stream_at(const std::string& bytes, size_t at) {
  return pb::io::CodedInputStream(reinterpret_cast<const uint8_t*>(bytes.data()) + at,
                                  static_cast<int>(bytes.size() - at));
}

// The `fields` entries (field 5) at the top level of an encoded Record, counted from the wire
// format without decoding it. Malformed bytes end the count: the parser reports them.
size_t count_fields(const std::string& bytes, size_t at, size_t size) {
  using pb::internal::WireFormatLite;
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()) + at,
                              static_cast<int>(size));
  size_t fields = 0;
  // Each turn consumes at least the tag's byte: bounded by the frame's size.
  for (uint32_t tag = in.ReadTag(); tag != 0; tag = in.ReadTag()) {
    if (WireFormatLite::GetTagFieldNumber(tag) == 5 &&
        WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED)
      ++fields;
    if (!WireFormatLite::SkipField(&in, tag)) break;
  }
  return fields;
}

// One length-delimited message of a .drlog: where its bytes are.
struct Frame {
  size_t at = 0, size = 0;
};

// The next frame of `bytes` at `*at`, its length checked against kMaxLogRecordBytes;
// false at the end of the bytes.
bool next_frame(const std::string& bytes, size_t* at, Frame* frame, const std::string& path,
                const std::function<std::string()>& what) {
  if (*at == bytes.size()) return false;
  pb::io::CodedInputStream in = stream_at(bytes, *at);
  uint64_t length = 0;
  if (!in.ReadVarint64(&length)) throw InputError(path, what() + ": truncated or corrupt length");
  *at += static_cast<size_t>(in.CurrentPosition());
  if (length > kMaxLogRecordBytes)
    throw InputError(path, what() + ": " + std::to_string(length) +
                               " bytes, more than the limit of " +
                               std::to_string(kMaxLogRecordBytes));
  if (length > bytes.size() - *at) throw InputError(path, what() + ": truncated");
  *frame = {*at, static_cast<size_t>(length)};
  *at += frame->size;
  return true;
}

// Parses a frame into `m`, dropping fields this version does not know (they would take
// memory the caps do not count).
void parse_frame(const std::string& bytes, const Frame& frame, google::protobuf::Message* m,
                 const std::string& path, const std::string& what) {
  if (!m->ParseFromArray(bytes.data() + frame.at, static_cast<int>(frame.size)))
    throw InputError(path, what + ": corrupt");
  m->DiscardUnknownFields();
}

// The longest horizon a scenario may have, in microseconds (the schema states the same limit:
// tests/test_limits.cpp).
constexpr int64_t kMaxHorizonUs = kMaxHorizonSeconds * 1'000'000;

}  // namespace

LogFile decode_drlog(const std::string& path, const std::string& bytes) {
  if (bytes.size() < sizeof kLogMagic ||
      std::memcmp(bytes.data(), kLogMagic, sizeof kLogMagic) != 0)
    throw InputError(path, "is not a drsim event log (missing the DRSIMLG1 header)");
  if (bytes.size() > kMaxLogBytes)
    throw InputError(path,
                     "is larger than the limit of " + std::to_string(kMaxLogBytes) + " bytes");
  LogFile out;
  size_t at = sizeof kLogMagic;
  Frame frame;
  const auto header = [] { return std::string("the event log header"); };
  if (!next_frame(bytes, &at, &frame, path, header))
    throw InputError(path, "the event log header is missing");
  parse_frame(bytes, frame, &out.header, path, header());
  const int64_t horizon_us = out.header.horizon_us();
  if (!(horizon_us > 0 && horizon_us <= kMaxHorizonUs))
    throw InputError(path, "the event log header: horizon_us " + std::to_string(horizon_us) +
                               " is not in (0, 100 years]");

  // First the caps, from the lengths and tags alone: a file past them is refused before any
  // record is decoded (decoded, an empty field takes some 35 times its 2 bytes).
  std::vector<Frame> frames;
  size_t fields = 0;
  for (;;) {
    const size_t n = frames.size();
    const auto name = [n] { return "record " + std::to_string(n); };
    if (!next_frame(bytes, &at, &frame, path, name)) break;
    if (n >= kMaxLogRecords)
      throw InputError(
          path, name() + ": more than " + std::to_string(kMaxLogRecords) + " records in the log");
    const size_t k = count_fields(bytes, frame.at, frame.size);
    if (k > kMaxLogFieldsPerRecord)
      throw InputError(path, name() + ": " + std::to_string(k) + " fields, more than " +
                                 std::to_string(kMaxLogFieldsPerRecord) + " in one record");
    fields += k;
    if (fields > kMaxLogFields)
      throw InputError(
          path, name() + ": more than " + std::to_string(kMaxLogFields) + " fields in the log");
    frames.push_back(frame);
  }

  out.records.reserve(frames.size());
  for (const Frame& f : frames) {
    const size_t n = out.records.size();
    auto fail = [&](const std::string& rule) {
      throw InputError(path, "record " + std::to_string(n) + ": " + rule);
    };
    log::Record r;
    parse_frame(bytes, f, &r, path, "record " + std::to_string(n));
    if (r.time_us() < 0 || r.time_us() > horizon_us)
      fail("time_us " + std::to_string(r.time_us()) + " is outside the horizon [0, " +
           std::to_string(horizon_us) + "]");
    if (n > 0 && r.time_us() < out.records.back().time_us())
      fail("goes back in time (time_us " + std::to_string(r.time_us()) + " after " +
           std::to_string(out.records.back().time_us()) + ")");
    if (n > 0 && r.seq() <= out.records.back().seq())
      fail("seq " + std::to_string(r.seq()) + " does not increase (after " +
           std::to_string(out.records.back().seq()) + ")");
    for (const log::Field& field : r.fields())
      if (std::string problem = log_field_problem(field); !problem.empty()) fail(problem);
    out.records.push_back(std::move(r));
  }
  return out;
}

void stream_drlog(const log::Header& header, const std::vector<log::Record>& records,
                  const ByteSink& sink) {
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
}

void write_drlog(const std::string& path, const log::Header& header,
                 const std::vector<log::Record>& records) {
  write_file_atomically(path, [&](const ByteSink& sink) { stream_drlog(header, records, sink); });
}

LogFile read_drlog(const std::string& path) {
  return decode_drlog(path, read_file(path, kMaxLogBytes));
}

namespace {

// Fields that hold an instant on the simulated clock in seconds (the snapshot a Backup Service
// copy is consistent with, an incident's start and restoration), not a duration.
bool is_instant_key(const std::string& key) {
  auto ends_with = [&](std::string_view suffix) {
    return key.size() >= suffix.size() &&
           key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("snapshot_s") || key == "start_s" || key == "restored_s";
}

// A number in fixed notation (never "2.3e+06"): whole numbers from 100,000 up, otherwise
// six significant digits with trailing zeros dropped ("116.189", "0.0322748", "5"), down to
// 12 decimals.
std::string fixed_text(double v) {
  char buf[64];
  const double magnitude = std::fabs(v);
  int decimals = 0;
  if (magnitude < 1e5) {
    const int digits = magnitude == 0 ? 1 : static_cast<int>(std::floor(std::log10(magnitude))) + 1;
    decimals = std::clamp(6 - digits, 0, 12);
  }
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string text = buf;
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

std::string value_text(const log::Field& f) {
  switch (f.value_case()) {
    case log::Field::kIntValue:
      return std::to_string(f.int_value());
    case log::Field::kDoubleValue: {
      const double v = f.double_value();
      if (!is_instant_key(f.key())) return fixed_text(v);
      // An instant before the run began (a copy made during the steady state the run starts
      // in) is said as how long before, never as a negative time.
      if (v < 0)
        return "\"" + format_duration(Duration::micros(std::llround(-v * 1e6))) +
               " before the start\"";
      return "\"" + format_instant(Instant::from_us(std::llround(v * 1e6))) + "\"";
    }
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
  for (const log::Field& f : r.fields()) {
    // An instant is printed as a clock time, so its key loses the "_s" of seconds.
    const bool instant = f.value_case() == log::Field::kDoubleValue && is_instant_key(f.key());
    out += "  " + (instant ? f.key().substr(0, f.key().size() - 2) : f.key()) + "=" + value_text(f);
  }
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
