{{/* The chart name, or nameOverride. */}}
{{- define "s1identity-operator.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name, cut to the 63 characters a Kubernetes name allows. */}}
{{- define "s1identity-operator.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "s1identity-operator.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The labels a selector matches: stable across upgrades, so never the version. */}}
{{- define "s1identity-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "s1identity-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels every object of the chart carries. */}}
{{- define "s1identity-operator.labels" -}}
{{ include "s1identity-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The operator's ServiceAccount name. */}}
{{- define "s1identity-operator.serviceAccountName" -}}
{{- .Values.serviceAccount.name | default (include "s1identity-operator.fullname" .) -}}
{{- end -}}

{{/*
The rules the operator needs, taken from the generated files/clusterrole.yaml (`operator generate rbac`)
so the chart never drifts from the code.
*/}}
{{- define "s1identity-operator.rules" -}}
{{- (.Files.Get "files/clusterrole.yaml" | fromYaml).rules | toYaml -}}
{{- end -}}

{{/* The collector image the operator gives intakes that name none. */}}
{{- define "s1identity-operator.collectorImage" -}}
{{- printf "%s:%s" .Values.collectorImage.repository (.Values.collectorImage.tag | default .Chart.AppVersion) -}}
{{- end -}}
