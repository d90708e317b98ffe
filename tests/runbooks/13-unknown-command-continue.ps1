# A cmdlet that does not exist (a typo copied from a blog). PowerShell prints the error and
# goes on, and so does the admin: it costs no time.
# drsim: start at detect+15m
Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql02.contoso.com -Force -Confirm:$false
Get-CsPoolFailoverStatus -PoolFqdn pool01.contoso.com
Invoke-CsPoolFailover -PoolFqdn pool01.contoso.com -DisasterMode -Confirm:$false
