// Key Vault for the Runway API key and the callback signing key. Access is by Azure RBAC only (no access policies);
// soft delete and purge protection mean a deleted secret or vault can be recovered for 90 days and not purged early.
param name string
param location string
param tags object
param runwayApiKeySecretName string

@secure()
@description('Written as a secret only when non-empty; never defaulted.')
param runwayApiKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource runwayApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(runwayApiKey)) {
  parent: vault
  name: runwayApiKeySecretName
  properties: {
    value: runwayApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
