// Log Analytics + workspace-based Application Insights with local (key) auth off: telemetry is accepted only from
// Entra-authenticated senders, so a leaked connection string cannot be used to write or read data.
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
// Not a secret: with local auth disabled the instrumentation key alone cannot ingest.
output connectionString string = applicationInsights.properties.ConnectionString
