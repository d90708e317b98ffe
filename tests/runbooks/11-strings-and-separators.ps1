# drsim: start at detect+15m
$banner = @"
==============================================
 Contoso DR runbook - site loss (Redmond)
 Pool: $('pool01' + '.contoso.com')
==============================================
"@
Write-Host $banner
$cms = 'sql02.contoso.com'; $pool = 'pool01.contoso.com'   # two statements on one line
<# The CMS first,
   then the users. #>
Invoke-CsManagementServerFailover `
    -BackupSqlServerFqdn $cms `
    -Force -Confirm:$false
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus |
    Select-Object ActiveMasterFqdn |
    Format-List
Invoke-CsPoolFailover -PoolFqdn $pool -DisasterMode -Confirm:$false; Write-Host 'done'
