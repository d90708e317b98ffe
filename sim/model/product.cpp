// Version limits and quorum tables; see product.h.
#include "sim/model/product.h"

#include "sim/check.h"

namespace drsim::product {

const VersionLimits& limits_for(scenario::ProductVersion version) {
  static const VersionLimits k2015{2, 12, 80000, 40000, 6660, 2500, true, false};
  static const VersionLimits k2019{3, 16, 106000, 53000, 6660, 2500, false, true};
  DRSIM_CHECK(version == scenario::SFB_2015 || version == scenario::SFB_2019,
              "product version must be validated before limits are looked up");
  return version == scenario::SFB_2019 ? k2019 : k2015;
}

const char* version_name(scenario::ProductVersion version) {
  switch (version) {
    case scenario::SFB_2015:
      return "Skype for Business Server 2015";
    case scenario::SFB_2019:
      return "Skype for Business Server 2019";
    default:
      return "unspecified";
  }
}

const char* cmdlet_name(scenario::Cmdlet c) {
  switch (c) {
    case scenario::INVOKE_CS_POOL_FAILOVER:
      return "Invoke-CsPoolFailover";
    case scenario::INVOKE_CS_POOL_FAILBACK:
      return "Invoke-CsPoolFailback";
    case scenario::INVOKE_CS_MANAGEMENT_SERVER_FAILOVER:
      return "Invoke-CsManagementServerFailover";
    case scenario::INVOKE_CS_DATABASE_FAILOVER:
      return "Invoke-CsDatabaseFailover";
    case scenario::RESET_CS_POOL_REGISTRAR_STATE:
      return "Reset-CsPoolRegistrarState";
    case scenario::INVOKE_CS_BACKUP_SERVICE_SYNC:
      return "Invoke-CsBackupServiceSync";
    case scenario::SET_CS_EDGE_SERVER_NEXT_HOP:
      return "Set-CsEdgeServer";
    case scenario::START_CS_POOL:
      return "Start-CsPool";
    case scenario::SET_CS_SITE_XMPP_ROUTE:
      return "Set-CsSite";
    case scenario::PUBLISH_CS_TOPOLOGY_FEDERATION_ROUTE:
    case scenario::PUBLISH_CS_TOPOLOGY_EDGE_ASSOCIATION:
      return "Publish-CsTopology";
    case scenario::RESTORE_PERSISTENT_CHAT_SECONDARY:
      return "Invoke-Sqlcmd";
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_FAILED_OVER:
    case scenario::SET_CS_PERSISTENT_CHAT_STATE_NORMAL:
      return "Set-CsPersistentChatState";
    case scenario::INSTALL_CS_MIRROR_DATABASE:
      return "Install-CsMirrorDatabase";
    case scenario::SET_CS_PERSISTENT_CHAT_ACTIVE_SERVER:
      return "Set-CsPersistentChatActiveServer";
    case scenario::GET_CS_BACKUP_SERVICE_STATUS:
      return "Get-CsBackupServiceStatus";
    case scenario::GET_CS_POOL_BACKUP_RELATIONSHIP:
      return "Get-CsPoolBackupRelationship";
    case scenario::GET_CS_MANAGEMENT_STORE_REPLICATION_STATUS:
      return "Get-CsManagementStoreReplicationStatus";
    default:
      return "?";
  }
}
int first_start_quorum(int pool_size) {
  DRSIM_CHECK(pool_size >= 1 && pool_size <= 16, "pool size out of the documented range");
  // Index = pool size. Sizes 13..15 interpolate between 10 (12 servers) and 12 (16 servers).
  static const int table[17] = {0, 1, 1, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 11, 12, 12};
  return table[pool_size];
}

FunctionalQuorum functional_quorum(int pool_size) {
  DRSIM_CHECK(pool_size >= 1 && pool_size <= 16, "pool size out of the documented range");
  if (pool_size <= 2) return {1, pool_size};
  if (pool_size <= 4) return {2, pool_size};
  if (pool_size <= 6) return {3, pool_size};
  if (pool_size == 7) return {4, 7};
  if (pool_size <= 9) return {4, 7};
  if (pool_size <= 12) return {5, 9};
  return {7, 12};
}

}  // namespace drsim::product
