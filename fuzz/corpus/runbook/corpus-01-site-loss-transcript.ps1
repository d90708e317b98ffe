<#
.SYNOPSIS
    Contoso DR: site Redmond lost. Fail the CMS and pool01 over to Dublin (pool02).
.NOTES
    Run from a Front End of pool02 as RTCUniversalServerAdmins. Last reviewed: ops team.
#>
# drsim: start at detect+15m
Start-Transcript -Path "C:\DR\Logs\failover-$(Get-Date -Format 'yyyyMMdd-HHmm').log"
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module SkypeForBusiness

$FailedPool = 'pool01.contoso.com'
$BackupPool = 'pool02.contoso.com'
$BackupSql  = 'sql02.contoso.com'

Write-Host "=== DR started at $(Get-Date) ===" -ForegroundColor Yellow

# Step 1: the CMS was in Redmond.
Invoke-CsManagementServerFailover -BackupSqlServerFqdn $BackupSql -BackupSqlInstanceName rtc -Force -Confirm:$false
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Format-List

# Step 2: the users.
Invoke-CsPoolFailover -PoolFqdn $FailedPool -DisasterMode -Confirm:$false -Verbose

Write-Host "=== DR finished at $(Get-Date) ===" -ForegroundColor Green
Stop-Transcript
