// Outputs (io/files.h): a symlink's target is replaced and the link kept, special files are
// refused, permissions are kept; several outputs of one command are replaced together; and
// every command checks its output paths before the work, not after it.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "cli_util.h"
#include "io/errors.h"
#include "io/files.h"
#include "story_util.h"

using namespace drsim;
using namespace drsim::testing;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) { return read_file(p.string(), 1 << 26); }

const std::string kTenYears = source_path("scenarios/mc-two-site-10y.pb.txt");

}  // namespace

TEST_CASE("outputs: a symlink's target is written atomically and the link stays a link",
          "[files]") {
  const fs::path dir = scratch_dir("outputs-symlink");
  write_file_atomically((dir / "tgt.json").string(), "old");
  fs::create_directory(dir / "sub");
  fs::create_symlink("tgt.json", dir / "lnk.json");
  fs::create_symlink("../lnk.json", dir / "sub" / "chain.json");  // relative, through a link
  write_file_atomically((dir / "sub" / "chain.json").string(), "new");
  CHECK(fs::is_symlink(dir / "lnk.json"));
  CHECK(fs::is_symlink(dir / "sub" / "chain.json"));
  CHECK(read(dir / "tgt.json") == "new");
  // A dangling link names the file it creates.
  fs::create_symlink("made.json", dir / "dangling.json");
  write_file_atomically((dir / "dangling.json").string(), "made");
  CHECK(fs::is_symlink(dir / "dangling.json"));
  CHECK(read(dir / "made.json") == "made");
  // A loop is an error, not a hang.
  fs::create_symlink("b", dir / "a");
  fs::create_symlink("a", dir / "b");
  CHECK_THROWS_WITH(write_file_atomically((dir / "a").string(), "x"),
                    "cannot write " + (dir / "a").string() + ": Too many levels of symbolic links");
  fs::remove_all(dir);
}

TEST_CASE("outputs: devices, fifos and directories are refused before anything is written",
          "[files]") {
  const fs::path dir = scratch_dir("outputs-special");
  const fs::path fifo = dir / "pipe.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(write_file_atomically(fifo.string(), "{}"),
                    "cannot write " + fifo.string() +
                        ": it is a fifo, not a regular file: refusing to replace it");
  CHECK(fs::is_fifo(fifo));
  // As root, a rename over /dev/null would have replaced the device with a file.
  CHECK_THROWS_WITH(check_writable("/dev/null"),
                    "cannot write /dev/null: it is a character device, not a regular file: "
                    "refusing to replace it");
  fs::create_symlink(fifo, dir / "to-pipe.json");
  CHECK_THROWS_AS(write_file_atomically((dir / "to-pipe.json").string(), "{}"), OutputError);
  CHECK(fs::is_fifo(fifo));
  CHECK(fs::is_symlink(dir / "to-pipe.json"));
  fs::remove_all(dir);
}

TEST_CASE("outputs: a replaced file keeps its permissions", "[files]") {
  const fs::path dir = scratch_dir("outputs-mode");
  const fs::path file = dir / "shared.json";
  write_file_atomically(file.string(), "old");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  write_file_atomically(file.string(), "new");
  CHECK(read(file) == "new");
  CHECK(fs::status(file).permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  fs::remove_all(dir);
}

TEST_CASE("outputs: a set of outputs is replaced together or not at all", "[files]") {
  const fs::path dir = scratch_dir("outputs-set");
  const std::string a = (dir / "a.txt").string(), b = (dir / "b.txt").string();
  write_file_atomically(a, "old a");
  write_file_atomically(b, "old b");
  {
    OutputSet set;
    set.add(a, "new a");
    CHECK_THROWS_AS(set.add(b,
                            [](const ByteSink& sink) {
                              sink("half");
                              throw std::runtime_error("producer failed");
                            }),
                    std::runtime_error);
    CHECK_THROWS_WITH(set.add((dir / "." / "a.txt").string(), "again"),
                      Catch::Matchers::EndsWith("a.txt: it is also " + a + ", another output"));
  }  // never committed
  CHECK(read(a) == "old a");
  CHECK(read(b) == "old b");
  OutputSet set;
  set.add(a, "new a");
  set.add(b, "new b");
  CHECK(read(a) == "old a");  // nothing replaced before the commit
  CHECK(set.commit() == std::vector<std::string>{a, b});
  CHECK(read(a) == "new a");
  CHECK(read(b) == "new b");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) ==
        2);  // no temp files
  fs::remove_all(dir);
}

TEST_CASE("outputs: drsim run checks its outputs first and replaces them as one set",
          "[files][cli]") {
  const fs::path dir = scratch_dir("outputs-run");
  const std::string scenario = source_path("scenarios/fe-crash.pb.txt");
  const std::string out = (dir / "out").string();
  REQUIRE(run_cli("run -q '" + scenario + "' --out '" + out + "'").code == 0);
  const std::string drlog = read(dir / "out" / "fe-crash.drlog");
  const std::string timeline = read(dir / "out" / "fe-crash.timeline.txt");
  {
    // The run does not start, and the log and timeline of the last run stay as they were
    // (before, they were replaced and the report then failed: a mixed set).
    const CliOutput o = run_cli("run -q '" + scenario + "' --seed 9 --out '" + out +
                                "' --json /nonexistent/x.json");
    INFO(o.text);
    CHECK(o.code == 1);
    CHECK(o.text.find("drsim: cannot write /nonexistent/x.json: No such file or directory") !=
          std::string::npos);
    CHECK(o.text.find("incident") == std::string::npos);  // no run, no summary
  }
  {
    // A report file that cannot be written (a directory in its place) fails the whole set.
    fs::create_directories(dir / "report" / "report.html");
    const CliOutput o = run_cli("run -q '" + scenario + "' --seed 9 --out '" + out +
                                "' --report '" + (dir / "report").string() + "'");
    INFO(o.text);
    CHECK(o.code == 1);
    CHECK(o.text.find("report.html: Is a directory") != std::string::npos);
  }
  CHECK(read(dir / "out" / "fe-crash.drlog") == drlog);
  CHECK(read(dir / "out" / "fe-crash.timeline.txt") == timeline);
  CHECK(fs::is_directory(dir / "report" / "report.html"));
  fs::remove_all(dir);
}

TEST_CASE(
    "outputs: sweep, grid, compare, report and import-topology check their outputs before the work",
    "[files][cli]") {
  const fs::path dir = scratch_dir("outputs-commands");
  const std::string log = (dir / "fe.drlog").string();
  REQUIRE(run_cli("run -q '" + source_path("scenarios/fe-crash.pb.txt") + "' --out '" +
                  dir.string() + "'")
              .code == 0);
  fs::rename(dir / "fe-crash.drlog", log);
  const std::string file = (dir / "plain").string();
  write_file_atomically(file, "x");
  const std::pair<std::string, std::string> cases[] = {
      // /proc refuses new files even to root; the sweep used to run first and fail after it.
      {"sweep " + kTenYears + " -n 100000 --json /proc/x.json",
       "drsim: cannot write /proc/x.json: "},
      {"sweep " + kTenYears + " -n 100000 --report '" + file + "/r'",
       "drsim: cannot create directory " + file + "/r"},
      {"sweep " + kTenYears + " -n 100000 --grid backup_service.sync_interval_s=30,60 --csv '" +
           dir.string() + "'",
       "drsim: cannot write " + dir.string() + ": Is a directory"},
      {"compare " + kTenYears + " -n 100000 --whatif-set seed=3 --json /proc/x.json",
       "drsim: cannot write /proc/x.json: "},
      {"report '" + log + "' --out '" + file + "/r'",
       "drsim: cannot create directory " + file + "/r"},
      {"import-topology " + source_path("scenarios/contoso.tbxml") + " --out /proc/x.pb.txt",
       "drsim: cannot write /proc/x.pb.txt: "},
  };
  for (const auto& [args, message] : cases) {
    const auto t0 = std::chrono::steady_clock::now();
    const CliOutput o = run_cli(args);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    INFO(args << "\n" << o.text);
    CHECK(o.code == 1);
    CHECK(o.text.find(message) != std::string::npos);
    CHECK(seconds < 30);  // 100,000 ten-year replications take minutes: they did not run
  }
  fs::remove_all(dir);
}
