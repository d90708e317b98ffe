# Contoso disaster runbook: site Redmond is lost, pool01 and the Central Management Store
# with it. Run from a Front End of pool02 (Dublin). Rehearse it on the imported topology:
#   drsim import-topology scenarios/contoso.tbxml --out contoso.pb.txt
#   drsim run contoso.pb.txt --runbook scenarios/contoso-site-loss.ps1
# The on-call admin starts 15 minutes after noticing the outage:
# drsim: start at detect+15m
Import-Module SkypeForBusiness
$failedPool = "pool01.contoso.com"
$backupPool = "pool02.contoso.com"

# 1. The CMS lived on sql01 in Redmond: fail it over to its standby on sql02 first. The CMS
#    is unavailable, so this is DisasterRecovery mode: -BackupSqlServerFqdn and -Force.
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com `
    -BackupSqlInstanceName rtc -Force -Confirm:$false -Verbose
# 2. ActiveMasterFqdn must now name pool02, or the pool failover would fail.
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus

# Edge next hop: edge01 (next hop pool01) is in Redmond and down with it, so nothing to do.
# Were it still running, this would have to come before the pool failover:
#   Set-CsEdgeServer -Identity "EdgeServer:edge01.contoso.com" -Registrar "Registrar:pool02.contoso.com"

# 3. Fail pool01's users over to pool02.
Invoke-CsPoolFailover -PoolFqdn $failedPool -DisasterMode -Confirm:$false -Verbose

# 4. What had the Backup Service replicated to Dublin before the loss? (A query after the
#    last action: it does not lengthen the recovery.)
Get-CsBackupServiceStatus -PoolFqdn $backupPool -Category UserData
