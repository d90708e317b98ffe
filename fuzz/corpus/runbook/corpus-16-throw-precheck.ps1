# Pre-checks that throw: the pool must have a backup pool, and the CMS master must be known
# after the CMS failover.
# drsim: start at detect+15m
$ErrorActionPreference = 'Stop'
$pool = 'pool01.contoso.com'
$rel = Get-CsPoolBackupRelationship -PoolFqdn $pool
if ([string]::IsNullOrEmpty($rel.BackupPoolFqdn)) { throw "No backup pool for $pool" }
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
$cms = Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus
if ($cms.ActiveMasterFqdn -ne $rel.BackupPoolFqdn) {
    throw "CMS master is '$($cms.ActiveMasterFqdn)', expected $($rel.BackupPoolFqdn)"
}
Invoke-CsPoolFailover -PoolFqdn $pool -DisasterMode -Confirm:$false
