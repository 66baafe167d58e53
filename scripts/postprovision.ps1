# azd hook for Windows (postprovision and postdeploy); the same steps as scripts/postprovision.sh, which documents them.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if (-not (Get-Command az -ErrorAction SilentlyContinue)) { throw 'postprovision: the Azure CLI (az) is required.' }

if (-not $env:AZURE_FUNCTION_APP_NAME -and (Get-Command azd -ErrorAction SilentlyContinue)) {
    foreach ($line in (azd env get-values)) {
        if ($line -match '^([A-Za-z_][A-Za-z0-9_]*)="?(.*?)"?$') { Set-Item -Path "env:$($Matches[1])" -Value $Matches[2] }
    }
}
$required = 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_KEY_VAULT_NAME', 'EVENT_GRID_SYSTEM_TOPIC_NAME',
            'INPUT_CONTAINER_NAME', 'CALLBACK_SIGNING_SECRET_NAME', 'BLOB_TRIGGER_FUNCTION_NAME'
foreach ($name in $required) {
    if (-not (Get-Item "env:$name" -ErrorAction SilentlyContinue).Value) { throw "postprovision: $name is not set; run 'azd provision' first" }
}
$vault = $env:AZURE_KEY_VAULT_NAME
$secretName = $env:CALLBACK_SIGNING_SECRET_NAME

# 1. Callback signing secret, created once (role assignments may take minutes to reach Key Vault).
$exists = $null
for ($attempt = 1; $attempt -le 10; $attempt++) {
    $exists = az keyvault secret list --vault-name $vault --query "length([?name=='$secretName'])" -o tsv 2>$null
    if ($LASTEXITCODE -eq 0) { break }
    $exists = $null
    if ($attempt -lt 10) { Write-Host "postprovision: waiting for access to Key Vault $vault..."; Start-Sleep -Seconds 15 }
}
if ($null -eq $exists) { throw "postprovision: cannot list secrets in $vault; the signed-in principal needs Key Vault Secrets Officer." }
if ($exists -eq '0') {
    $bytes = [byte[]]::new(32)
    [System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
    $file = New-TemporaryFile
    try {
        # A Standard Webhooks secret: whsec_ + base64 of 32 random bytes.
        [System.IO.File]::WriteAllText($file.FullName, 'whsec_' + [Convert]::ToBase64String($bytes))
        az keyvault secret set --vault-name $vault --name $secretName --file $file.FullName --encoding utf-8 --content-type text/plain -o none
        if ($LASTEXITCODE -ne 0) { throw "postprovision: could not create $secretName in $vault" }
    } finally {
        Remove-Item $file.FullName -Force
    }
    Write-Host "postprovision: created secret $secretName in $vault"
} else {
    # Secrets made before callbacks followed Standard Webhooks lack the whsec_ prefix, and the app refuses them at start.
    # Checked inside Key Vault's query, so the value never reaches this session; not replaced, since receivers hold it.
    $standard = az keyvault secret show --vault-name $vault --name $secretName --query "starts_with(value, 'whsec_')" -o tsv 2>$null
    if ($standard -eq 'false') {
        throw "postprovision: secret $secretName in $vault is not a Standard Webhooks secret (whsec_...), so the app will not start: rotate it as docs/callbacks.md describes (new secret, old one as Callbacks__PreviousSigningSecret until the receivers have the new one)."
    }
    Write-Host "postprovision: secret $secretName already exists in $vault (kept)"
}

# 2. Event Grid subscription to the blob extension webhook, once the deployed app has its blobs_extension key.
$blobsKey = az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_APP_NAME --query 'systemKeys.blobs_extension' -o tsv 2>$null
if (-not $blobsKey) {
    Write-Host "postprovision: $($env:AZURE_FUNCTION_APP_NAME) has no blobs_extension key yet (code not deployed); the postdeploy hook creates the Event Grid subscription."
    exit 0
}
$endpoint = "https://$($env:AZURE_FUNCTION_APP_NAME).azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.$($env:BLOB_TRIGGER_FUNCTION_NAME)&code=$blobsKey"
az eventgrid system-topic event-subscription create `
    --name "$($env:INPUT_CONTAINER_NAME)-blob-created" `
    --resource-group $env:AZURE_RESOURCE_GROUP `
    --system-topic-name $env:EVENT_GRID_SYSTEM_TOPIC_NAME `
    --endpoint-type webhook `
    --endpoint $endpoint `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with "/blobServices/default/containers/$($env:INPUT_CONTAINER_NAME)/" `
    --max-delivery-attempts 30 `
    --event-ttl 1440 `
    -o none
if ($LASTEXITCODE -ne 0) {
    throw "postprovision: creating the Event Grid subscription failed. Check that the deployed app defines $($env:BLOB_TRIGGER_FUNCTION_NAME) with BlobTriggerSource.EventGrid."
}
Write-Host "postprovision: blob uploads to container $($env:INPUT_CONTAINER_NAME) now start generations via $($env:BLOB_TRIGGER_FUNCTION_NAME)"
