$config = @{
    Title   = 'The Harbour'
    Width   = 80
    Verbose = $false
    Formats = @('epub', 'html')
}

$json = $config | ConvertTo-Json -Depth 3
Set-Content -Path .\book.json -Value $json -Encoding UTF8

$loaded = Get-Content .\book.json -Raw | ConvertFrom-Json
if ($loaded.Width -gt 72 -and $loaded.Formats -contains 'epub') {
    Write-Host "wide EPUB build: $($loaded.Title)"
}

$i = 0
while ($i -lt 3) {
    $i++
    Start-Sleep -Milliseconds 250
}
$here = @"
Title: $($loaded.Title)
Built: $(Get-Date)
"@
Write-Output $here
