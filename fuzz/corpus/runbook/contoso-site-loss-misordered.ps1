# Contoso disaster runbook, mis-ordered: the admin fails pool01 over before the Central
# Management Store. The CMS lived in Redmond, so the first Invoke-CsPoolFailover fails, as
# it would in production; the admin then fails the CMS over and runs the pool failover
# again. Rehearse it with
#   drsim run tests/data/contoso.pb.txt --runbook scenarios/contoso-site-loss-misordered.ps1
# drsim: start at detect+15m
Import-Module SkypeForBusiness

Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Verbose
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Verbose
Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com
