# drsim: start at detect
$a = "pool01.contoso.com"
$b = "$a"
$ErrorActionPreference = "Continue"
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -BackupSqlInstanceName rtc -Force -Confirm:$false
Invoke-CsPoolFailover -PoolFqdn $b -DisasterMode -Confirm:$false
Invoke-CsPoolFailover -PoolFqdn $b -DisasterMode -Confirm:$false
