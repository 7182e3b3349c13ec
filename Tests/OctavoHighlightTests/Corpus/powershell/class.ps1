class Chapter {
    [string]$Title
    [int]$Words
    hidden [datetime]$Modified

    Chapter([string]$title, [int]$words) {
        $this.Title = $title
        $this.Words = $words
        $this.Modified = Get-Date
    }

    [string] ToString() {
        return "{0} ({1} words)" -f $this.Title, $this.Words
    }
}

$chapters = [System.Collections.Generic.List[Chapter]]::new()
$chapters.Add([Chapter]::new('The Quay', 3200))
$chapters.Add([Chapter]::new('Fog', 2750))

$long = $chapters | Where-Object { $_.Words -ge 3000 }
$long | ForEach-Object { Write-Host $_.ToString() }
Write-Host ("average: {0:N1}" -f ($chapters | Measure-Object -Property Words -Average).Average)
