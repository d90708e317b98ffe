# Broken: publishes the topology before the CMS is failed over (the CMS is in Redmond).
# drsim: start at detect+15m
Enable-CsTopology
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
