// Event Grid system topic on the storage account. The BlobCreated subscription to the blob extension's webhook is
// created by scripts/postprovision.sh: its URL carries the blobs_extension system key, which exists only after the
// app has been deployed and its blob trigger has started.
param name string
param location string
param tags object
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = systemTopic.name
