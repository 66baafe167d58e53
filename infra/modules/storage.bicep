// One StorageV2 account for the Functions host (AzureWebJobsStorage: Durable Functions task hub queues and tables,
// blob leases), the deployment package, and the input/output video containers (VideoStorage).
// Shared keys are off, so every client must use Entra ID; the Durable Functions Azure Storage backend creates its own
// queues and tables on first start (the app identity holds Queue/Table Data Contributor), nothing is pre-created.
param name string
param location string
param tags object

@description('Containers to create; all private.')
param containerNames string[]

@description('Container whose old blobs the lifecycle rule deletes.')
param inputContainerName string

@description('Days after the last modification when input blobs are deleted; 0 disables the rule.')
param inputRetentionDays int

@description('Container of the generation payloads; requests/ left behind by a generation that never ended are deleted after a week.')
param payloadsContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    // A deleted video can be undeleted for a week; videos cost money to make.
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

var inputRule = {
  name: 'delete-old-inputs'
  enabled: true
  type: 'Lifecycle'
  definition: {
    filters: {
      blobTypes: [
        'blockBlob'
      ]
      prefixMatch: [
        '${inputContainerName}/'
      ]
    }
    actions: {
      baseBlob: {
        delete: {
          daysAfterModificationGreaterThan: inputRetentionDays
        }
      }
    }
  }
}

// A generation deletes its payload when it ends; this removes one whose generation never did, and the callback
// addresses kept for deliveries and redeliveries (callbacks/) after 7 days.
var payloadRule = {
  name: 'delete-stale-payloads'
  enabled: true
  type: 'Lifecycle'
  definition: {
    filters: {
      blobTypes: [
        'blockBlob'
      ]
      prefixMatch: [
        '${payloadsContainerName}/requests/'
        '${payloadsContainerName}/callbacks/'
      ]
    }
    actions: {
      baseBlob: {
        delete: {
          daysAfterModificationGreaterThan: 7
        }
      }
    }
  }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: inputRetentionDays > 0 ? [inputRule, payloadRule] : [payloadRule]
    }
  }
  dependsOn: [
    containers
  ]
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
