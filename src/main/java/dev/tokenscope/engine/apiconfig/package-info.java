/**
 * Engine: imports an API's own authentication configuration (appsettings.json for Microsoft.Identity.Web or ASP.NET Core
 * JwtBearer, Spring Boot / spring-cloud-azure application.yml or .properties, Azure API Management policy XML, App Service
 * authsettingsV2, passport-azure-ad options) into a {@link dev.tokenscope.engine.profile.ValidationProfile}, with the rules
 * that stack applies spelled out. The format is recognised from the content; parsing is bounded (size, depth), XML refuses
 * DTDs, YAML builds no objects from tags, and secrets are never copied (only their key names are reported).
 * Entry point: {@link dev.tokenscope.engine.apiconfig.ApiConfigImporter#importConfig(String, String)}.
 * No JavaFX, AWT, UI or CLI classes here.
 */
package dev.tokenscope.engine.apiconfig;
