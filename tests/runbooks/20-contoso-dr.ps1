<#
    Contoso DR runbook: site Redmond (pool01, the CMS on sql01) is lost.
    Run on fe02a.contoso.com (Dublin) as RTCUniversalServerAdmins.
#>
# drsim: start at detect+15m
param(
    [string]$FailedPool = 'pool01.contoso.com',
    [string]$BackupSql  = 'sql02.contoso.com'
)
Start-Transcript -Path "C:\DR\Logs\dr-$(Get-Date -Format 'yyyyMMdd-HHmm').log"
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module SkypeForBusiness

function Write-Log([string]$Message) { Write-Host "$(Get-Date -Format 'HH:mm:ss') $Message" }

# 1. The CMS: fail it over only if it is really down.
$cms = Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus
if (-not $cms.ActiveMasterFqdn) {
    Write-Log "CMS unavailable: failing it over to $BackupSql"
    $cmsParams = @{ BackupSqlServerFqdn = $BackupSql; BackupSqlInstanceName = 'rtc'; Force = $true; Confirm = $false }
    Invoke-CsManagementServerFailover @cmsParams
}

# 2. The users of the lost pool.
$backupPool = (Get-CsPoolBackupRelationship -PoolFqdn $FailedPool).BackupPoolFqdn
try {
    Invoke-CsPoolFailover -PoolFqdn $FailedPool -DisasterMode -Confirm:$false
    Write-Log "$FailedPool failed over to $backupPool"
}
catch {
    Write-Log "FAILED: $($_.Exception.Message)"
    throw
}

# 3. What had the Backup Service replicated?
Get-CsBackupServiceStatus -PoolFqdn $backupPool |
    Select-Object -ExpandProperty BackupModules |
    Format-Table Identity, ExportStatus, ImportStatus
Stop-Transcript
