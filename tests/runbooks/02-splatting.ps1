# Splatting keeps the long parameter lists readable (and reviewable in change control).
# drsim: start at detect+15m
$ErrorActionPreference = "Stop"

$cmsParams = @{
    BackupSqlServerFqdn   = "sql02.contoso.com"
    BackupSqlInstanceName = "rtc"
    Force                 = $true
    Confirm               = $false
}
Invoke-CsManagementServerFailover @cmsParams

$failover = @{ PoolFqdn = "pool01.contoso.com"; DisasterMode = $true; Confirm = $false }
Invoke-CsPoolFailover @failover -Verbose

Get-CsBackupServiceStatus -PoolFqdn pool02.contoso.com -Category UserData | Format-Table
