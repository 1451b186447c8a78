; Inno Setup 6.3+ script of PAC Desktop's Windows installer (built by installer\build.ps1; see README.md here).
;
; Per-user install, no administrator rights: the application goes to %LOCALAPPDATA%\Programs\PAC Desktop, the
; shortcut to the user's Start menu, the uninstaller to "Applications installées". The user's data
; (%LOCALAPPDATA%\pac-desktop: the local store and its backups) is never touched by an install or an update,
; and is removed at uninstall only if the user says so (or with /SUPPRIMERDONNEES=oui on a silent uninstall).
;
;   ISCC /DAppVersion=0.1.0 /DSourceDir=..\dist\pac-desktop installer\windows\pac-desktop.iss
;   ISCC /Spac="signtool.exe sign /sha1 … /fd SHA256 /tr … /td SHA256 $f" /DSIGN …   (signed, see README.md)

#ifndef AppVersion
  #error Donnez la version : ISCC /DAppVersion=x.y.z (installer\build.ps1 le fait)
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\pac-desktop"
#endif
#define AppName "PAC Desktop"
#define AppPublisher "Passeport Accueil Commun"
#define AppExeName "pac-desktop.exe"
; Must match platformdirs.user_data_dir("pac-desktop") of the application (pac_desktop/storage/store.py).
#define DataFolder "{localappdata}\pac-desktop"

[Setup]
; AppId identifies the application for updates and uninstall: never change it.
AppId={{8DDFE998-963F-5E43-A55C-680B8AE63E44}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppCopyright=Logiciel libre sous licence EUPL 1.2
AppComments=Passeport Accueil Commun : accueils communs des jeunes et suivi par un référent unique, hors connexion
VersionInfoVersion={#AppVersion}
VersionInfoCompany={#AppPublisher}
VersionInfoDescription=Installation de {#AppName}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
; Per user, without administrator rights ({localappdata}\Programs is where per-user programs live).
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; The application must be closed for an update or an uninstall (Restart Manager asks the user).
CloseApplications=yes
RestartApplications=no
OutputDir=..\dist
OutputBaseFilename=pac-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\pac-desktop.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ShowLanguageDialog=no
#ifdef SIGN
; The sign tool "pac" is defined on ISCC's command line (/Spac=...): installer and uninstaller are signed.
SignTool=pac
SignedUninstaller=yes
#endif

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole bundle: no library of the previous version stays beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Passeport Accueil Commun"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Passeport Accueil Commun"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the application itself writes beside its code (Python's caches of the migration scripts).
Type: filesandordirs; Name: "{app}\_internal"

[Code]
var
  RemoveUserData: Boolean;

function UserDataFolder(): String;
begin
  Result := ExpandConstant('{#DataFolder}');
end;

function InitializeUninstall(): Boolean;
var
  Answer: String;
begin
  Result := True;
  RemoveUserData := False;
  if not DirExists(UserDataFolder()) then
    Exit;
  if UninstallSilent() then
  begin
    // Silent uninstall (agency IT): the data stays unless asked with /SUPPRIMERDONNEES=oui.
    Answer := Lowercase(ExpandConstant('{param:SUPPRIMERDONNEES|non}'));
    RemoveUserData := (Answer = 'oui') or (Answer = 'yes') or (Answer = '1');
  end
  else
    RemoveUserData := MsgBox(
      'Voulez-vous aussi supprimer vos données PAC Desktop de cet ordinateur ?' + #13#10#13#10 +
      'Dossier : ' + UserDataFolder() + #13#10#13#10 +
      'Il contient la base locale (jeunes, accueils communs, suivis) et ses copies de sécurité. ' +
      'Les modifications qui n''ont pas encore été synchronisées avec le serveur seraient perdues, ' +
      'et cette suppression est définitive.' + #13#10#13#10 +
      'Choisissez « Non » pour les conserver (conseillé si vous réinstallez l''application).',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  ResultCode: Integer;
begin
  // With the data go the keys of the store, of its sync and of its evaluation reserve (Credential Manager),
  // while pac.exe, which knows their names, is still installed (issue 14).
  if (CurUninstallStep = usUninstall) and RemoveUserData then
    Exec(ExpandConstant('{app}\pac.exe'), 'security forget-keys', '', SW_HIDE, ewWaitUntilTerminated, ResultCode);
  if (CurUninstallStep = usPostUninstall) and RemoveUserData then
  begin
    if not DelTree(UserDataFolder(), True, True, True) then
      if not UninstallSilent() then
        MsgBox('Le dossier ' + UserDataFolder() + ' n''a pas pu être entièrement supprimé. ' +
          'Vous pouvez le supprimer vous-même depuis l''Explorateur de fichiers.', mbInformation, MB_OK);
  end;
end;
