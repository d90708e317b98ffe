// `drsim import-topology`: a Topology Builder document (or Get-CsTopology -AsXml) in, a
// commented scenario out (docs/import.md).
#include <cstdio>

#include "cli/commands.h"
#include "io/errors.h"
#include "io/files.h"
#include "io/imported_scenario_text.h"
#include "io/scenario_file.h"
#include "io/topology_import.h"
#include "io/xml_source.h"
#include "sim/validate.h"

namespace drsim::cli {

int import_topology_command(const ImportTopologyArgs& args) {
  const std::string& out = args.out_path;
  if (out.size() >= 5 && out.compare(out.size() - 5, 5, ".json") == 0)
    throw InputError(out, "--out: import-topology writes Protobuf text format (.pb.txt)");
  if (!out.empty()) check_writable(out);  // before the work, like every output
  const TopologyImport imported =
      import_topology(args.document, read_file(args.document, kMaxXmlBytes));
  const std::string text = render_imported_scenario(imported);

  // The written scenario must load like any other; if it does not, the importer is wrong.
  const std::string name = out.empty() ? imported.scenario.name() + ".pb.txt" : out;
  LoadedScenario check;
  try {
    check = parse_scenario(name, text);
  } catch (const InputError& e) {
    throw std::runtime_error("the imported scenario does not load:\n" + std::string(e.what()));
  }
  // A topology holds no runbook: that is what the admin still adds, said last.
  for (const Diagnostic& d : check.warnings)
    if (!is_unanswered_faults_warning(d.message)) std::fprintf(stderr, "%s\n", d.format().c_str());

  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);  // the scenario, then what is still to add
  } else {
    write_file_atomically(out, text);
    const scenario::Scenario& s = imported.scenario;
    auto count = [](int n, const char* one, const char* many) {
      return std::to_string(n).append(" ").append(n == 1 ? one : many);
    };
    const std::string counts =
        count(s.sites_size(), "site", "sites") + ", " + count(s.pools_size(), "pool", "pools") +
        ", " + count(s.edge_pools_size(), "Edge pool", "Edge pools") + ", " +
        count(s.pstn_gateways_size(), "PSTN gateway", "PSTN gateways") + ", " +
        count(s.persistent_chat_pools_size(), "Persistent Chat pool", "Persistent Chat pools") +
        ", " +
        count(s.office_web_apps_farms_size(), "Office Web Apps farm", "Office Web Apps farms");
    std::fprintf(stderr, "wrote %s: %s, %zu values assumed, %zu inferred\n", out.c_str(),
                 counts.c_str(), imported.assumed.size(), imported.inferred.size());
  }
  // What drsim inferred rather than read, after the scenario (or the line saying it is
  // written) and before what is still to add.
  for (const std::string& w : imported.inferred)
    std::fprintf(stderr, "%s: warning: inferred: %s\n", args.document.c_str(), w.c_str());
  std::fprintf(stderr,
               "still to add: your runbook (drsim run %s --runbook FILE.ps1, docs/runbook.md) or "
               "admin.standard_response, else nobody fails anything over; and check every value "
               "marked '# assumed'\n",
               name.c_str());
  return kExitOk;
}

}  // namespace drsim::cli
