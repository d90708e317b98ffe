// The values a topology document cannot hold, filled in from drsim's defaults and listed as
// assumptions: see topology_import_assumed.h and docs/import.md.
#include "io/topology_import_assumed.h"

#include "sim/check.h"

namespace drsim {

namespace {

class Assumer {
 public:
  Assumer(const ImportDefaults& defaults, TopologyImport& out) : d_(defaults), out_(out) {}

  void run() {
    sc().set_horizon_s(d_.horizon_s);
    assume("horizon_s", "one day");
    sc().set_seed(1);
    // The Backup Service between paired pools in two sites crosses a WAN link.
    for (const scenario::Pool& p : sc().pools()) {
      const scenario::Pool* q = nullptr;
      for (const scenario::Pool& r : sc().pools())
        if (r.fqdn() == p.backup_pool()) q = &r;
      if (q == nullptr || q->site() == p.site() || site_rank(p.site()) > site_rank(q->site()))
        continue;
      const std::string name = p.site() + "-" + q->site();
      bool seen = false;
      for (const scenario::Link& l : sc().links()) seen |= l.name() == name;
      if (seen) continue;
      assume("links[" + std::to_string(sc().links_size()) + "]",
             "the topology records no WAN link: product-default bandwidth and latency");
      scenario::Link* l = sc().add_links();
      l->set_name(name);
      l->set_site_a(p.site());
      l->set_site_b(q->site());
      l->set_bandwidth_mbps(l->bandwidth_mbps());
      l->set_latency_ms(l->latency_ms());
    }
    scenario::BackupService* b = sc().mutable_backup_service();
    b->set_sync_interval_s(b->sync_interval_s());
    assume("backup_service.sync_interval_s",
           "Set-CsBackupServiceConfiguration is not in the topology: the product default");
    b->set_cycle_overhead_s(b->cycle_overhead_s());
    assume("backup_service.cycle_overhead_s", "drsim's default (docs/model.md)");
    // Without a phase each direction's timer would be drawn at random: a fixed one makes the
    // imported scenario's run the same every time, and explainable.
    b->set_phase_s(d_.backup_phase_s);
    assume("backup_service.phase_s",
           "where in the interval the Backup Service's timer runs is not in the topology (random "
           "when absent)");
    add_fault();
    scenario::Admin* admin = sc().mutable_admin();
    admin->mutable_detect_delay()->set_fixed_s(static_cast<double>(d_.detect_delay_s));
    admin->mutable_decide_delay()->set_fixed_s(static_cast<double>(d_.decide_delay_s));
    assume("admin.detect_delay", "how long the on-call admin takes to notice");
    assume("admin.decide_delay", "how long the admin takes to decide on a failover");
    add_model_parameters();
  }

  static bool is_voice_path_parameter(const std::string& name) {
    return name.rfind("pstn_", 0) == 0 || name == "enable_fast_failover_timer" ||
           name == "fast_failover_s" || name == "carrier_inbound_failover" ||
           name == "trunk_down_detection_s";
  }

  // Every parameter of the model (ModelParameters: cmdlet durations, timers, failback, the
  // fabric's lazy writes, and the assumptions docs/model.md lists), written out with its
  // default so that the admin sees and edits what the run assumes. A field without a
  // default (the fabric's write phase, random when absent) is fixed at ImportDefaults'
  // value, for a reproducible run.
  void add_model_parameters() {
    namespace pb = google::protobuf;
    scenario::ModelParameters* m = sc().mutable_parameters();
    const auto* desc = m->GetDescriptor();
    const auto* refl = m->GetReflection();
    for (int f = 0; f < desc->field_count(); ++f) {
      const auto* fd = desc->field(f);
      const std::string path = "parameters." + fd->name();
      // The voice path's parameters mean nothing without PSTN gateways or branch appliances
      // (an SBA is a gateway), the branches' without branches: left out rather than listed as
      // assumptions of nothing.
      if (sc().pstn_gateways_size() == 0 && sc().branches_size() == 0 &&
          is_voice_path_parameter(fd->name()))
        continue;
      if (sc().branches_size() == 0 && fd->name().rfind("branch_", 0) == 0) continue;
      if (!fd->has_default_value() && fd->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64) {
        refl->SetInt64(m, fd, d_.unset_phase_s);
        assume(path, "random when absent (docs/model.md): fixed for a reproducible run");
        continue;
      }
      switch (fd->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_INT32:
          refl->SetInt32(m, fd, fd->default_value_int32());
          break;
        case pb::FieldDescriptor::CPPTYPE_INT64:
          refl->SetInt64(m, fd, fd->default_value_int64());
          break;
        case pb::FieldDescriptor::CPPTYPE_BOOL:
          refl->SetBool(m, fd, fd->default_value_bool());
          break;
        case pb::FieldDescriptor::CPPTYPE_ENUM:
          refl->SetEnum(m, fd, fd->default_value_enum());
          break;
        case pb::FieldDescriptor::CPPTYPE_DOUBLE:
          refl->SetDouble(m, fd, fd->default_value_double());
          break;
        default:
          DRSIM_CHECK(false, "ModelParameters holds numbers, booleans and enums only");
          break;
      }
      assume(path, "drsim's default (docs/model.md)");
    }
  }

  // The disaster to rehearse: the loss of the site holding the CMS (else the first pool).
  void add_fault() {
    std::string site = sc().pools(0).site();
    for (const scenario::Pool& p : sc().pools())
      if (sc().has_cms() && p.fqdn() == sc().cms().pool()) site = p.site();
    scenario::Fault* f = sc().add_faults();
    f->set_at_s(d_.fault_at_s);
    f->set_component(site);
    f->set_note("site " + site + " lost (the site holding the CMS, else the first pool)");
    assume("faults[0]", "the disaster to rehearse: edit or add faults");
  }

  int site_rank(const std::string& name) const {
    for (int i = 0; i < sc().sites_size(); ++i)
      if (sc().sites(i).name() == name) return i;
    return -1;
  }

 private:
  scenario::Scenario& sc() { return out_.scenario; }
  const scenario::Scenario& sc() const { return out_.scenario; }
  void assume(std::string field, std::string reason) {
    out_.assumed.push_back({std::move(field), std::move(reason)});
  }

  const ImportDefaults& d_;
  TopologyImport& out_;
};

}  // namespace

void add_import_assumptions(const ImportDefaults& defaults, TopologyImport& out) {
  Assumer(defaults, out).run();
}

}  // namespace drsim
