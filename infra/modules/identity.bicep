// The one identity the app uses for everything: storage (host, durable state, videos, deployment package),
// Key Vault (Runway key, callback signing key) and Application Insights ingestion.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
