// The cmdlets a runbook may call and their parameters, as the Skype for Business Server
// PowerShell reference lists them (office-docs-powershell, skype/skype-ps/skype/*.md):
// names, mandatory parameters, positions, parameter sets and enumerated values. Parameters
// the model has no use for (-WaitTime, -Report, ports, ...) are accepted and change nothing.
// See runbook_cmdlets.h; docs/runbook.md lists the same table for admins.
#include "io/runbook_cmdlets.h"

namespace drsim::ps1 {

namespace {

Param sw(const char* n) { return Param(n, ParamType::kSwitch); }
Param val(const char* n) { return Param(n); }
Param req(const char* n) { return Param(n).must(); }
Param int32(const char* n) { return Param(n, ParamType::kInt32); }
Param port(const char* n) { return Param(n, ParamType::kUInt16); }
Param enumeration(const char* n, const char* type, std::vector<const char*> values) {
  Param p(n, ParamType::kEnum);
  p.enum_type = type;
  p.values = std::move(values);
  return p;
}

constexpr unsigned kSet0 = 1u, kSet1 = 2u;

}  // namespace

const std::vector<Spec>& cmdlet_specs() {
  static const std::vector<Spec> table = {
      {"Invoke-CsPoolFailover",
       Target::kModel,
       scenario::INVOKE_CS_POOL_FAILOVER,
       {req("PoolFqdn"), sw("DisasterMode"), sw("FlushStorageService"), sw("Force"),
        val("WaitTime"), int32("DatabaseCommandTimeoutInSeconds"), int32("ServicesStopDelayMins"),
        sw("SkipDataVerification")},
       true},
      {"Invoke-CsPoolFailback",
       Target::kModel,
       scenario::INVOKE_CS_POOL_FAILBACK,
       {req("PoolFqdn"), sw("DisasterMode"), sw("Force"), val("WaitTime"),
        int32("DatabaseCommandTimeoutInSeconds"), sw("SkipDataVerification")},
       true},
      // Two parameter sets: DisasterRecovery (the CMS is unavailable: -BackupSqlServerFqdn and
      // -Force are mandatory) and Normal (no target, optionally -Restore).
      {"Invoke-CsManagementServerFailover",
       Target::kModel,
       scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER,
       {req("BackupSqlServerFqdn").in(kSet0), sw("Force").must().in(kSet0),
        val("BackupMirrorSqlInstanceName").in(kSet0), val("BackupMirrorSqlServerFqdn").in(kSet0),
        val("BackupSqlInstanceName").in(kSet0), val("Report"), sw("Restore").in(kSet1)},
       true,
       {"DisasterRecovery", "Normal"},
       1},
      {"Invoke-CsDatabaseFailover",
       Target::kModel,
       scenario::INVOKE_CS_DATABASE_FAILOVER,
       {enumeration("DatabaseType", "DatabaseNameType",
                    {"ActiveMonitoring", "Application", "Archiving", "CentralMgmt", "Edge", "Lyss",
                     "Monitoring", "PersistentChat", "PersistentChatCompliance", "Provision",
                     "Registrar", "SigninTelemetry", "User"})
            .must(),
        enumeration("NewPrincipal", "MirrorRole", {"Mirror", "Primary"}).must(), req("PoolFqdn"),
        val("ExcludeDatabaseList"), sw("Force"), sw("LocalStore"), val("Report")},
       true},
      {"Reset-CsPoolRegistrarState",
       Target::kModel,
       scenario::RESET_CS_POOL_REGISTRAR_STATE,
       {req("PoolFqdn"), sw("Force"), val("MachineFqdn"), sw("NoReStart"),
        sw("ResetLocalDatabases"),
        enumeration("ResetType", "PoolResetType",
                    {"ServiceReset", "QuorumLossRecovery", "FullReset", "MachineStateRemoved"}),
        int32("ServicesStopDelayMins")},
       true},
      {"Start-CsPool",
       Target::kModel,
       scenario::START_CS_POOL,
       {req("PoolFqdn").at(0), sw("Force"), sw("QuorumLossRecovery"), val("SkipRoutingGroup"),
        val("SkipServer")},
       true},
      {"Invoke-CsBackupServiceSync",
       Target::kModel,
       scenario::INVOKE_CS_BACKUP_SERVICE_SYNC,
       {req("PoolFqdn"), val("BackupModule"), sw("Force")}},
      {"Set-CsEdgeServer",
       Target::kModel,
       scenario::SET_CS_EDGE_SERVER_NEXT_HOP,
       {val("Identity").at(0), port("AccessEdgeClientSipPort"), port("AccessEdgeExternalSipPort"),
        port("AccessEdgeInternalSipPort"), port("DataPsomClientPort"), port("DataPsomServerPort"),
        port("MediaCommunicationPortCount"), port("MediaCommunicationPortStart"),
        port("MediaRelayAuthEdgePort"), port("MediaRelayExternalTurnTcpPort"),
        port("MediaRelayExternalTurnUdpPort"), port("MediaRelayInternalTurnTcpPort"),
        port("MediaRelayInternalTurnUdpPort"), val("Registrar"), sw("Force"),
        port("XmppInternalPort"), port("XmppListeningPort"), port("SkypeSearchProxyPort")},
       true},
      // The routes outside: -FederationRoute (the published federation route) and
      // -XmppFederationRoute (XMPP), each an Edge pool as "EdgeServer:FQDN" or the FQDN.
      {"Set-CsSite",
       Target::kModel,
       scenario::SET_CS_SITE_XMPP_ROUTE,
       {val("Identity").at(0), val("Description"), val("DisplayName"), val("FederationRoute"),
        sw("Force"), val("DefaultPersistentChatPool"), val("XmppFederationRoute")},
       true},
      // Persistent Chat failover and failback (D-PCMAN; P-Set-CsPersistentChatState,
      // P-Set-CsPersistentChatActiveServer). -Identity is "service:<pool>" (D-PCMAN) or
      // "PersistentChatServer:<pool>" (the cmdlet page); the active-server collection is the
      // pool's ("global" in the examples: the scenario's one Persistent Chat pool).
      {"Set-CsPersistentChatState",
       Target::kModel,
       scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER,
       {req("Identity").at(0), enumeration("PoolState", "PoolState", {"Normal", "FailedOver"}),
        sw("Force")},
       true},
      {"Set-CsPersistentChatActiveServer",
       Target::kModel,
       scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER,
       {val("Identity").at(0), val("ActiveServers").must().in(kSet0), sw("Swap").must().in(kSet1),
        sw("Force")},
       true,
       {"ActiveServers", "Swap"},
       0},
      {"Install-CsMirrorDatabase",
       Target::kModel,
       scenario::INSTALL_CS_MIRROR_DATABASE,
       {req("SqlServerFqdn"), req("FileShare"), sw("ConfiguredDatabases"), sw("ForInstance"),
        sw("ForDefaultInstance"),
        enumeration("DatabaseType", "DatabaseType",
                    {"Application", "Archiving", "CentralMgmt", "Monitoring", "User", "BIStaging",
                     "PersistentChat", "PersistentChatCompliance"}),
        val("SqlInstanceName"), val("DatabasePathMap"), val("ExcludeDatabaseList"),
        sw("DropExistingDatabasesOnMirror"), sw("UseDefaultSqlPaths"), sw("Update"), val("Report"),
        sw("Force")},
       true},
      // The SQL steps of the Persistent Chat failover on the log-shipping secondary (D-PCMAN
      // steps 1-3), rehearsed as one step: the query RESTORE DATABASE mgc WITH RECOVERY.
      {"Invoke-Sqlcmd",
       Target::kModel,
       scenario::RESTORE_PERSISTENT_CHAT_SECONDARY,
       {req("ServerInstance"), val("Query").at(0), val("Database"), val("InputFile"),
        int32("QueryTimeout"), int32("ConnectionTimeout"), val("Username"), val("Password")},
       true},
      // -Category: CMS and UserData in the Lync Server 2013 reference; the current reference
      // (2015, 2019) adds RGS.
      {"Get-CsBackupServiceStatus",
       Target::kModel,
       scenario::GET_CS_BACKUP_SERVICE_STATUS,
       {req("PoolFqdn"), enumeration("Category", "BackupCategory", {"CMS", "UserData", "RGS"}),
        sw("Force")}},
      {"Get-CsPoolBackupRelationship",
       Target::kModel,
       scenario::GET_CS_POOL_BACKUP_RELATIONSHIP,
       {req("PoolFqdn"), sw("Force"), sw("LocalStore")}},
      {"Get-CsManagementStoreReplicationStatus",
       Target::kModel,
       scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS,
       {val("ReplicaFqdn").at(0), sw("CentralManagementStoreStatus")}},
      {"Start-Sleep",
       Target::kSleep,
       scenario::CMDLET_UNSPECIFIED,
       {Param("Seconds", ParamType::kNumber).must().at(0).also("s").in(kSet0),
        Param("Milliseconds", ParamType::kNumber).must().also("ms").in(kSet1)},
       false,
       {"Seconds", "Milliseconds"},
       0},
      {"Import-Module",
       Target::kNoOp,
       scenario::CMDLET_UNSPECIFIED,
       {val("Name").at(0), sw("Force")}},
      {"Write-Host",
       Target::kNoOp,
       scenario::CMDLET_UNSPECIFIED,
       {val("Object").at(0), sw("NoNewline"), val("Separator"), val("ForegroundColor"),
        val("BackgroundColor")}},
  };
  return table;
}

const std::vector<Param>& common_params() {
  // Inquire (prompt on each error) and Suspend (workflows only) are not rehearsed.
  const std::vector<const char*> preferences = {"SilentlyContinue", "Stop", "Continue", "Ignore"};
  static const std::vector<Param> list = {
      sw("Verbose").also("vb"),
      sw("Debug").also("db"),
      enumeration("ErrorAction", "ActionPreference", preferences).also("ea"),
      enumeration("WarningAction", "ActionPreference", preferences).also("wa"),
      enumeration("InformationAction", "ActionPreference", preferences).also("infa"),
      val("ErrorVariable").also("ev"),
      val("WarningVariable").also("wv"),
      val("InformationVariable").also("iv"),
      val("OutVariable").also("ov"),
      int32("OutBuffer").also("ob"),
      val("PipelineVariable").also("pv")};
  return list;
}

}  // namespace drsim::ps1
