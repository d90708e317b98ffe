# Contoso disaster runbook, mis-ordered: the admin fails pool01 over before the Central
# Management Store. The CMS lived in Redmond, so the first Invoke-CsPoolFailover fails, as
# it would in production; the admin then fails the CMS over, checks it and runs the pool
# failover again. The rest is scenarios/contoso-site-loss.ps1. Rehearse it with
#   drsim import-topology scenarios/contoso.tbxml --out contoso.pb.txt
#   drsim run contoso.pb.txt --runbook scenarios/contoso-site-loss-misordered.ps1
# drsim: start at detect+15m
Import-Module SkypeForBusiness

Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Verbose
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Verbose
Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com
