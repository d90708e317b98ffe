// Read-only cmdlets of a runbook (Get-CsBackupServiceStatus, Get-CsPoolBackupRelationship,
// Get-CsManagementStoreReplicationStatus): they change nothing and log the simulated state
// they read as a `query.*` record at the moment they run. The console formatting of that
// state is not the model's business: analysis/runbook_console.cpp turns the records into
// output shaped like the real cmdlets'. Record fields: docs/event-log.md.
#include "sim/check.h"
#include "sim/model/model.h"

namespace drsim {

bool Model::is_query(scenario::Cmdlet c) {
  return c == scenario::GET_CS_BACKUP_SERVICE_STATUS ||
         c == scenario::GET_CS_POOL_BACKUP_RELATIONSHIP ||
         c == scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS;
}

void Model::log_query(Engine& e, int i) {
  if (!log_->enabled()) return;  // a query changes nothing: without a log there is nothing to do
  const auto& st = steps_[static_cast<size_t>(i)];
  const Instant now = e.now();
  switch (st.cmdlet()) {
    case scenario::GET_CS_BACKUP_SERVICE_STATUS: {
      const int p = topology_.pool_index(st.pool_fqdn());
      DRSIM_CHECK(
          p >= 0,
          "Get-CsBackupServiceStatus ran on an unknown pool: the precondition let it through");
      const int b = topology_.pools()[static_cast<size_t>(p)].backup;
      auto r = log_->append(now, "query.backup_service_status", st.pool_fqdn());
      r.i("step", i).s("backup_pool", pool_spec(b).fqdn()).i("cms_master", cms_pool_ == p ? 1 : 0);
      // Export: this pool's changes to its backup pool; import: the backup pool's changes here.
      for (const BackupLink& l : backup_) {
        const bool is_export = l.source == p && l.target == b;
        const bool is_import = l.source == b && l.target == p;
        if (!is_export && !is_import) continue;
        const std::string dir = is_export ? "export" : "import";
        const bool path_up =
            serving(l.source) && serving(l.target) && (l.link < 0 || is_up(l.link));
        r.s(dir + "_status", backup_status_name(l.direction.status_at(now)))
            .i(dir + "_path_up", path_up ? 1 : 0)
            .d(dir + "_durable_snapshot_s", l.direction.durable_snapshot_at(now).seconds_f())
            .d(dir + "_backlog_bytes", l.direction.backlog_bytes_at(now));
      }
      break;
    }
    case scenario::GET_CS_POOL_BACKUP_RELATIONSHIP: {
      const int p = topology_.pool_index(st.pool_fqdn());
      DRSIM_CHECK(
          p >= 0,
          "Get-CsPoolBackupRelationship ran on an unknown pool: the scenario was not validated");
      const int b = topology_.pools()[static_cast<size_t>(p)].backup;
      log_->append(now, "query.backup_relationship", st.pool_fqdn())
          .i("step", i)
          .s("backup_pool", b >= 0 ? pool_spec(b).fqdn() : std::string());
      break;
    }
    case scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS: {
      const std::string pool = cms_pool_ >= 0 ? pool_spec(cms_pool_).fqdn() : std::string();
      const bool available = cms_pool_ >= 0 && cms_available();
      std::string master_sql;
      if (available && ps(cms_pool_).be.principal >= 0)
        master_sql = pool_spec(cms_pool_).back_end().servers(ps(cms_pool_).be.principal).fqdn();
      const int standby =
          cms_pool_ >= 0 ? topology_.pools()[static_cast<size_t>(cms_pool_)].backup : -1;
      log_->append(now, "query.cms_status", pool)
          .i("step", i)
          .i("available", available ? 1 : 0)
          .s("active_master_sql", master_sql)
          .s("standby_pool", standby >= 0 ? pool_spec(standby).fqdn() : std::string());
      break;
    }
    default:
      DRSIM_CHECK(false, "log_query called for a cmdlet that is not a query");
  }
}

}  // namespace drsim
