# Backs up the manuscript folder into a dated zip file.
param(
    [string]$Source = "Manuscript",
    [string]$Destination = "$HOME\backups",
    [int]$Keep = 7
)

if (-not (Test-Path -Path $Source)) {
    Write-Error "No folder $Source"
    exit 1
}

New-Item -ItemType Directory -Force -Path $Destination | Out-Null
$stamp = Get-Date -Format "yyyy-MM-dd"
$archive = Join-Path $Destination "manuscript-$stamp.zip"
Compress-Archive -Path $Source -DestinationPath $archive -Force
Write-Host "wrote $archive"

# Keep only the newest archives.
Get-ChildItem -Path $Destination -Filter 'manuscript-*.zip' |
    Sort-Object LastWriteTime -Descending |
    Select-Object -Skip $Keep |
    Remove-Item -Force
