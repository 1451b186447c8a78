<#
.SYNOPSIS
    Build PAC Desktop for Windows: PyInstaller one-folder bundle, frozen self-test, Inno Setup installer.

.DESCRIPTION
    The Windows twin of installer/build.sh. From the repository, in PowerShell 5.1 or 7:

        powershell -ExecutionPolicy Bypass -File installer\build.ps1
        $env:PYTHON = "C:\Python311\python.exe"; .\installer\build.ps1
        .\installer\build.ps1 -CertificateThumbprint 0123ABCD... # signed executable and installer

    Output: installer\dist\pac-desktop\ (the bundle) and, when Inno Setup 6.3 or newer is installed,
    installer\dist\pac-desktop-<version>-windows-x64-setup.exe. Stops with a non-zero exit code if the
    build or the frozen self-test fails; the self-test's lines say what failed.

.PARAMETER Python
    The Python 3.11+ to build with (default: $env:PYTHON, else .venv\Scripts\python.exe, the README's venv).
    PyInstaller is installed into it (the "build" extra) when missing.

.PARAMETER CertificateThumbprint
    SHA-1 thumbprint of a code-signing certificate in the current user's certificate store. When given, the
    application's executable, the installer and the uninstaller are signed with signtool (Windows SDK).

.PARAMETER TimestampUrl
    RFC 3161 time-stamping server of the certificate's authority (a signature stays valid after the
    certificate expires only if it is time-stamped).

.PARAMETER SkipInstaller
    Build and test the bundle only (no Inno Setup).
#>
[CmdletBinding()]
param(
    [string]$Python = $env:PYTHON,
    [string]$CertificateThumbprint = $env:PAC_SIGN_THUMBPRINT,
    [string]$TimestampUrl = $(if ($env:PAC_TIMESTAMP_URL) { $env:PAC_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }),
    [switch]$SkipInstaller
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$Started = Get-Date

function Step([string]$Text) { Write-Host "`n=== $Text ===" }
function Fail([string]$Text) { Write-Host "build.ps1 : $Text" -ForegroundColor Red; exit 1 }
# Native programs write progress on stderr; with 'Stop', Windows PowerShell 5.1 would turn that into an error.
function Invoke-Checked([string]$What, [scriptblock]$Block) {
    $Saved = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try { & $Block } finally { $ErrorActionPreference = $Saved }
    if ($LASTEXITCODE -ne 0) { Fail "$What a échoué (code $LASTEXITCODE)" }
}
function Test-Python([string]$Code) {
    $Saved = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try { & $Python -c $Code 2>&1 | Out-Null } finally { $ErrorActionPreference = $Saved }
    return ($LASTEXITCODE -eq 0)
}

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

if (-not $Python) {
    $VenvPython = Join-Path $Root '.venv\Scripts\python.exe'
    if (Test-Path $VenvPython) { $Python = $VenvPython }
    else { Fail "pas d'environnement Python : créez .venv comme le dit le README, ou donnez -Python C:\chemin\python.exe" }
}
if (-not (Test-Python 'import sys; assert sys.version_info >= (3, 11)')) { Fail "$Python n'est pas un Python 3.11 ou plus récent" }

$VersionMatch = Select-String -Path (Join-Path $Root 'pac_desktop\__init__.py') -Pattern '^__version__ = "(.+)"$'
if (-not $VersionMatch) { Fail 'version introuvable dans pac_desktop\__init__.py' }
$Version = $VersionMatch.Matches[0].Groups[1].Value
$Dist = if ($env:PAC_DIST_DIR) { $env:PAC_DIST_DIR } else { Join-Path $Root 'installer\dist' }
$Work = if ($env:PAC_WORK_DIR) { $env:PAC_WORK_DIR } else { Join-Path $Root 'installer\build' }
$Bundle = Join-Path $Dist 'pac-desktop'
$Exe = Join-Path $Bundle 'pac-desktop.exe'

Step "PAC Desktop $Version - Python: $Python"
if (-not (Test-Python 'import PyInstaller, pac_desktop, sqlcipher3')) {
    Step 'Installing the build extra (PyInstaller) into that environment'
    Invoke-Checked 'pip install' { & $Python -m pip install --disable-pip-version-check -q -e "$Root[build]" }
}

$SignTool = $null
if ($CertificateThumbprint) {
    $SignTool = if ($env:SIGNTOOL) { $env:SIGNTOOL } else { (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source }
    if (-not $SignTool) { Fail 'signtool.exe introuvable : installez le SDK Windows ou donnez son chemin dans SIGNTOOL' }
}
function Sign-File([string]$Path) {
    Invoke-Checked "la signature de $Path" {
        & $SignTool sign /sha1 $CertificateThumbprint /fd SHA256 /tr $TimestampUrl /td SHA256 /d 'PAC Desktop' $Path
    }
}

# Reproducible builds (issue 14): the lock of the Windows bundle, each package checked against its hash. It is made
# on Windows (the packages differ: pywin32-ctypes, tzdata...) with the command of "Lock files" in the README.
$Lock = Join-Path $Root 'installer\requirements-bundle-windows.lock'
if ($env:PAC_NO_LOCK -ne '1') {
    if (-not (Test-Path $Lock)) { Fail "fichier de verrouillage $Lock absent : créez-le (README, « Lock files ») ou passez PAC_NO_LOCK=1" }
    Step 'Locked dependencies: installer\requirements-bundle-windows.lock (hashes checked)'
    Invoke-Checked 'pip install (lock)' { & $Python -m pip install --disable-pip-version-check -q --require-hashes --no-deps -r $Lock }
}

Step 'PyInstaller one-folder build'
if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
Invoke-Checked 'PyInstaller' {
    & $Python -m PyInstaller --noconfirm --clean --log-level WARN --distpath $Dist --workpath $Work installer\pac_desktop.spec
}
if (-not (Test-Path $Exe)) { Fail "l'exécutable $Exe n'a pas été produit" }
if ($SignTool) { Sign-File $Exe }

Step 'Smoke test of the frozen app: pac-desktop.exe --self-test'
# The executable is a windowed program (no console): it writes its lines to a report file, and
# Start-Process -Wait gives its exit code.
New-Item -ItemType Directory -Force -Path $Work | Out-Null
$Report = Join-Path $Work 'autotest.txt'
Remove-Item $Report -ErrorAction SilentlyContinue
# Not inherited: a data folder, and a keyring backend chosen by name for a development environment.
$Saved = @{ PAC_DATA_DIR = $env:PAC_DATA_DIR; PYTHON_KEYRING_BACKEND = $env:PYTHON_KEYRING_BACKEND }
foreach ($Name in $Saved.Keys) { Remove-Item "Env:$Name" -ErrorAction SilentlyContinue }
try {
    $Process = Start-Process -FilePath $Exe -ArgumentList "--self-test `"$Report`"" -Wait -PassThru -NoNewWindow
} finally {
    foreach ($Name in $Saved.Keys) { if ($Saved[$Name]) { Set-Item "Env:$Name" $Saved[$Name] } }
}
if (Test-Path $Report) { Get-Content -Path $Report -Encoding UTF8 | ForEach-Object { Write-Host $_ } }
else { Write-Host "(pas de rapport : l'application n'a pas pu démarrer)" }
if ($Process.ExitCode -ne 0) {
    Fail "l'autotest de l'application figée a échoué (code $($Process.ExitCode), lignes ÉCHEC ci-dessus) : rien n'a été empaqueté"
}

Step 'The command line beside it: pac.exe --version'
$Cli = Join-Path $Bundle 'pac.exe'
if (-not (Test-Path $Cli)) { Fail "pac.exe n'a pas été produit à côté de pac-desktop.exe" }
if ($SignTool) { Sign-File $Cli }
& $Cli --version
if ($LASTEXITCODE -ne 0) { Fail "pac.exe --version a échoué (code $LASTEXITCODE)" }

if (-not $SkipInstaller) {
    Step 'Inno Setup installer'
    $Iscc = $env:ISCC
    if (-not $Iscc) { $Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source }
    foreach ($Candidate in @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
                             "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe")) {
        if (-not $Iscc -and (Test-Path $Candidate)) { $Iscc = $Candidate }
    }
    if (-not $Iscc) { Fail 'ISCC.exe (Inno Setup 6) introuvable : installez Inno Setup, donnez son chemin dans ISCC, ou passez -SkipInstaller' }
    $IsccArgs = @("/DAppVersion=$Version", "/DSourceDir=$Bundle", "/O$Dist", 'installer\windows\pac-desktop.iss')
    if ($SignTool) {
        # Inno Setup signs the installer and the uninstaller itself: $f is the file (quoted by Inno Setup), $q a
        # double quote (a literal one would be mangled by Windows PowerShell 5.1 on its way to ISCC).
        $SignCommand = "`$q$SignTool`$q sign /sha1 $CertificateThumbprint /fd SHA256 /tr $TimestampUrl /td SHA256 /d `$qPAC Desktop`$q `$f"
        $IsccArgs = @("/Spac=$SignCommand", '/DSIGN') + $IsccArgs
    }
    Invoke-Checked 'Inno Setup' { & $Iscc @IsccArgs }
}

$Elapsed = [int]((Get-Date) - $Started).TotalSeconds
$SizeMB = [math]::Round(((Get-ChildItem -Recurse -File $Bundle | Measure-Object -Sum Length).Sum / 1MB), 1)
Step "Done in $Elapsed s"
Write-Host "bundle:    $Bundle ($SizeMB MB)"
Get-ChildItem -Path $Dist -Filter "pac-desktop-$Version-*setup.exe" -ErrorAction SilentlyContinue |
    ForEach-Object { Write-Host "installer: $($_.FullName)" }
