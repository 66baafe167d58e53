// RunwayRelay on Azure: a Flex Consumption Function App that reaches Storage, Key Vault and Application Insights
// only through its user-assigned managed identity. No connection strings, no shared keys, no local auth.
// Deployed by `azd up` (see docs/deploy.md); every module lives under ./modules.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the resource group name and the unique suffix of every resource.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the principal running the deployment (azd passes AZURE_PRINCIPAL_ID). When set, it may manage vault secrets and blobs. Leave empty in production pipelines that need no data access.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
@description('Kind of principal that principalId names.')
param principalType string = 'User'

@description('Optional resource group name; defaults to rg-<environmentName>.')
param resourceGroupName string = ''

@description('Blob container whose uploads start generations (Input__Container).')
@minLength(3)
@maxLength(63)
param inputContainerName string = 'runway-inbox'

@description('Blob container that receives the finished videos (Output__Container).')
@minLength(3)
@maxLength(63)
param outputContainerName string = 'runway-videos'

@description('Private blob container of what stays out of durable state: each generation\'s request and callback URL, and the output name reservations (Output__PayloadsContainer).')
@minLength(3)
@maxLength(63)
param payloadsContainerName string = 'runway-payloads'

@description('Blob container that holds the deployment package of the Flex Consumption app.')
@minLength(3)
@maxLength(63)
param deploymentContainerName string = 'app-package'

@description('Uploaded inputs older than this many days are deleted by a lifecycle rule; 0 keeps them forever.')
@minValue(0)
@maxValue(3650)
param inputRetentionDays int = 7

@description('Name of the Key Vault secret holding the Runway API key (Runway__ApiKeySecretName).')
param runwayApiKeySecretName string = 'runwayml-api-secret'

@description('Name of the Key Vault secret holding the HMAC key that signs completion callbacks. scripts/postprovision.sh creates it when missing.')
param callbackSigningSecretName string = 'callbacks-signing-secret'

@secure()
@description('Optional Runway API key. When non-empty it is written to the vault; prefer `az keyvault secret set` (docs/deploy.md) so the key never passes through deployment tooling.')
param runwayApiKey string = ''

@description('Runway API base URL (Runway__BaseUrl).')
param runwayBaseUrl string = 'https://api.dev.runwayml.com'

@allowed([
  512
  2048
  4096
])
@description('Memory per Flex Consumption instance.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound of Flex Consumption scale-out.')
param maximumInstanceCount int = 100

@description('Name of the blob-triggered function that Event Grid delivers to (Host.Functions.<name> in the webhook URL).')
param blobTriggerFunctionName string = 'StartGenerationFromBlob'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// Names are computed here, not taken from module outputs, so What-If can predict every resource id.
var functionAppName = 'func-${resourceToken}'
var identityName = 'id-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
      inputContainerName
      outputContainerName
      payloadsContainerName
    ]
    inputContainerName: inputContainerName
    payloadsContainerName: payloadsContainerName
    inputRetentionDays: inputRetentionDays
  }
}

module eventGrid 'modules/event-grid.bicep' = {
  name: 'event-grid'
  scope: rg
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storageAccountName
  }
  dependsOn: [
    storage
  ]
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    runwayApiKeySecretName: runwayApiKeySecretName
    runwayApiKey: runwayApiKey
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    appIdentityName: identityName
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: {
      Runway__BaseUrl: runwayBaseUrl
      Runway__KeyVaultUri: keyVault.outputs.uri
      Runway__ApiKeySecretName: runwayApiKeySecretName
      Input__Container: inputContainerName
      Output__Container: outputContainerName
      Output__PayloadsContainer: payloadsContainerName
      // Resolved by the platform with the app identity (keyVaultReferenceIdentity), so the app sees the key itself.
      Callbacks__SigningSecret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${callbackSigningSecretName})'
    }
  }
  // The app must not start before its identity can read storage, the vault and publish telemetry.
  dependsOn: [
    roles
  ]
}

// Names azd and scripts/postprovision.sh read from the environment (azd env get-values).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output INPUT_CONTAINER_NAME string = inputContainerName
output OUTPUT_CONTAINER_NAME string = outputContainerName
output DEPLOYMENT_CONTAINER_NAME string = deploymentContainerName
output EVENT_GRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output BLOB_TRIGGER_FUNCTION_NAME string = blobTriggerFunctionName
output RUNWAY_API_KEY_SECRET_NAME string = runwayApiKeySecretName
output CALLBACK_SIGNING_SECRET_NAME string = callbackSigningSecretName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
