function Get-WordCount {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [string]$Path
    )
    process {
        $text = Get-Content -Path $Path -Raw
        $words = ($text -split '\s+' | Where-Object { $_ -ne '' }).Count
        [PSCustomObject]@{
            File  = Split-Path $Path -Leaf
            Words = $words
        }
    }
}

$total = 0
foreach ($file in Get-ChildItem -Path .\Manuscript -Filter *.md) {
    $result = Get-WordCount -Path $file.FullName
    $total += $result.Words
    "{0,-30} {1,8}" -f $result.File, $result.Words
}
Write-Output "total: $total words"
