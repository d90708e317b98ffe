# Contoso disaster runbook: site Redmond is lost, pool01 and the Central Management Store
# with it. Run from a Front End of pool02 (Dublin). Rehearse it with
#   drsim run tests/data/contoso.pb.txt --runbook scenarios/contoso-site-loss.ps1
# The on-call admin starts 15 minutes after noticing the outage:
# drsim: start at detect+15m
Import-Module SkypeForBusiness
$failedPool = "pool01.contoso.com"
$backupPool = "pool02.contoso.com"

# 1-3. Which pool backs up the failed one, and is the CMS still reachable?
Get-CsPoolBackupRelationship -PoolFqdn $failedPool
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus

# 4-6. The CMS lived on sql01 in Redmond: fail it over to its standby on sql02 first.
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com `
    -BackupSqlInstanceName rtc -Force -Confirm:$false -Verbose
Start-Sleep -Seconds 60
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus

# Edge next hop: edge01 (next hop pool01) is in Redmond and down with it, so nothing to do.
# Were it still running, this would have to come before the pool failover:
#   Set-CsEdgeServer -Identity "EdgeServer:edge01.contoso.com" -Registrar "Registrar:pool02.contoso.com"

# 7. What had the Backup Service replicated to Dublin? Then fail pool01's users over.
Get-CsBackupServiceStatus -PoolFqdn $backupPool
Invoke-CsPoolFailover -PoolFqdn $failedPool -DisasterMode -Confirm:$false -Verbose

# Let clients sign in again, then check replication from the surviving pool.
Start-Sleep -s 120
Get-CsBackupServiceStatus -PoolFqdn $backupPool -Category UserData
