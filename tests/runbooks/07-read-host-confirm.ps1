# The on-call admin confirms before anything irreversible runs.
# drsim: start at detect+15m
$ErrorActionPreference = 'Stop'
$answer = Read-Host "Site Redmond is down. Type YES to fail over to Dublin"
if ($answer -ne 'YES') {
    Write-Host "Aborted by operator"
    exit 1
}
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
