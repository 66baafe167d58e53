// Flex Consumption (FC1) Function App, .NET isolated 10, running as a user-assigned identity.
// Every connection is identity-based: no connection strings, no keys, no publishing credentials.
param name string
param planName string
param location string
param tags object

@description('azd service name from azure.yaml; azd finds the app by the azd-service-name tag.')
param serviceName string

param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param instanceMemoryMB int
param maximumInstanceCount int

@description('Application settings specific to RunwayRelay; merged with the connection settings below.')
param appSettings object

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Identity-based connection settings, for the host (AzureWebJobsStorage) and for the video containers (VideoStorage).
// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME/FUNCTIONS_EXTENSION_VERSION: the runtime is set above instead.
var connectionSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  VideoStorage__credential: 'managedidentity'
  VideoStorage__clientId: identityClientId
  VideoStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  VideoStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  VideoStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  // Key Vault and the app's own DefaultAzureCredential use the same identity.
  AZURE_CLIENT_ID: identityClientId
  // Turns on the app's OpenTelemetry export to Azure Monitor (AddRunwayRelayTelemetry), authenticated as the identity;
  // the spend and failure queries over it are in docs/operations.md.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, connectionSettings)
}

// Deployments go through Entra ID (azd/OneDeploy); basic-auth FTP and SCM publishing stay off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
