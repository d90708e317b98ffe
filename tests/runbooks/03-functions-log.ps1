# A runbook with a logging helper and a step wrapper, as the DR team writes them.
# drsim: start at detect+15m
param(
    [string]$FailedPool = "pool01.contoso.com",
    [string]$BackupSqlServer = "sql02.contoso.com"
)
$ErrorActionPreference = 'Stop'

function Write-Log {
    param([string]$Message, [string]$Level = 'INFO')
    Write-Host ("[{0}] [{1}] {2}" -f (Get-Date -Format 'HH:mm:ss'), $Level, $Message)
}

function Invoke-DrStep {
    param([string]$Name, [scriptblock]$Action)
    Write-Log "START $Name"
    try {
        & $Action
        Write-Log "DONE  $Name"
    }
    catch {
        Write-Log "FAILED $Name : $($_.Exception.Message)" -Level 'ERROR'
        throw
    }
}

Invoke-DrStep -Name 'CMS failover' -Action {
    Invoke-CsManagementServerFailover -BackupSqlServerFqdn $BackupSqlServer -Force -Confirm:$false
}
Invoke-DrStep -Name 'Pool failover' -Action {
    Invoke-CsPoolFailover -PoolFqdn $FailedPool -DisasterMode -Confirm:$false
}
Write-Log "Runbook complete"
