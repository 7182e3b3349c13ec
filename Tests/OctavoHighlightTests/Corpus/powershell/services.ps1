<#
.SYNOPSIS
    Restarts stopped services whose names match a pattern.
#>
param([string]$Pattern = 'octavo*')

$services = Get-Service -Name $Pattern -ErrorAction SilentlyContinue
if ($null -eq $services) {
    Write-Warning "no service matches '$Pattern'"
    return
}

foreach ($service in $services) {
    switch ($service.Status) {
        'Running' { Write-Verbose "$($service.Name) is running" }
        'Stopped' {
            try {
                Start-Service -Name $service.Name -ErrorAction Stop
                Write-Host "started $($service.Name)" -ForegroundColor Green
            }
            catch {
                Write-Error "could not start $($service.Name): $_"
            }
        }
        default { Write-Host "$($service.Name): $($service.Status)" }
    }
}
