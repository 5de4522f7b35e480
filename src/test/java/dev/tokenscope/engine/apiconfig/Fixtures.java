package dev.tokenscope.engine.apiconfig;

import java.util.List;

/** Valid configurations of every format (also the seeds of the property test). */
final class Fixtures {
    static final String TID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    static final String CALLER = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String SECRET = "s3cr3t-Zq8~xYv.42";

    static final String MIW = """
            {
              // Microsoft.Identity.Web
              "Logging": { "LogLevel": { "Default": "Information" } },
              "AzureAd": {
                "Instance": "https://login.microsoftonline.com/",
                "TenantId": "%s",
                "ClientId": "%s",
                "ClientSecret": "%s",
                "Scopes": "access_as_user",
                /* trailing comma allowed */
              },
            }
            """.formatted(TID, CLIENT, SECRET);

    static final String B2C = """
            {
              "AzureAdB2C": {
                "Instance": "https://contoso.b2clogin.com",
                "Domain": "contoso.onmicrosoft.com",
                "ClientId": "%s",
                "SignUpSignInPolicyId": "B2C_1_susi"
              }
            }
            """.formatted(CLIENT);

    static final String JWTBEARER = """
            {
              "Authentication": {
                "Schemes": {
                  "Bearer": {
                    "Authority": "https://login.microsoftonline.com/%s/v2.0",
                    "ValidAudiences": [ "api://my-api", "%s" ],
                    "ValidIssuer": "https://login.microsoftonline.com/%s/v2.0"
                  }
                }
              }
            }
            """.formatted(TID, CLIENT, TID);

    static final String SPRING_YAML = """
            server:
              port: 8080
            spring:
              security:
                oauth2:
                  resourceserver:
                    jwt:
                      issuer-uri: https://login.microsoftonline.com/%s/v2.0
                      audiences:
                        - api://my-api
                        - %s
            """.formatted(TID, CLIENT);

    static final String SPRING_PROPERTIES = """
            # Spring Boot
            spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://login.microsoftonline.com/%s/discovery/v2.0/keys
            spring.security.oauth2.resourceserver.jwt.audiences=api://my-api,%s
            """.formatted(TID, CLIENT);

    static final String SPRING_AZURE = """
            spring:
              cloud:
                azure:
                  active-directory:
                    enabled: true
                    profile:
                      tenant-id: %s
                    credential:
                      client-id: %s
                      client-secret: %s
                    app-id-uri: api://my-api
            """.formatted(TID, CLIENT, SECRET);

    static final String APIM_JWT = """
            <policies>
              <inbound>
                <base />
                <validate-jwt header-name="Authorization" failed-validation-httpcode="401" require-scheme="Bearer">
                  <openid-config url="https://login.microsoftonline.com/%s/v2.0/.well-known/openid-configuration" />
                  <audiences>
                    <audience>api://my-api</audience>
                  </audiences>
                  <issuers>
                    <issuer>https://sts.windows.net/%s/</issuer>
                  </issuers>
                  <required-claims>
                    <claim name="roles" match="all">
                      <value>Data.Read</value>
                    </claim>
                  </required-claims>
                </validate-jwt>
              </inbound>
              <backend><base /></backend>
            </policies>
            """.formatted(TID, TID);

    static final String APIM_AAD = """
            <policies>
              <inbound>
                <validate-azure-ad-token tenant-id="%s">
                  <client-application-ids>
                    <application-id>%s</application-id>
                  </client-application-ids>
                  <audiences>
                    <audience>api://my-api</audience>
                  </audiences>
                </validate-azure-ad-token>
              </inbound>
            </policies>
            """.formatted(TID, CALLER);

    static final String APP_SERVICE = """
            {
              "properties": {
                "platform": { "enabled": true },
                "globalValidation": { "unauthenticatedClientAction": "Return401" },
                "identityProviders": {
                  "azureActiveDirectory": {
                    "enabled": true,
                    "registration": {
                      "openIdIssuer": "https://login.microsoftonline.com/%s/v2.0",
                      "clientId": "%s",
                      "clientSecretSettingName": "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET"
                    },
                    "validation": {
                      "allowedAudiences": [ "api://my-api" ],
                      "defaultAuthorizationPolicy": { "allowedApplications": [ "%s" ] }
                    }
                  }
                }
              }
            }
            """.formatted(TID, CLIENT, CALLER);

    static final String PASSPORT = """
            {
              "identityMetadata": "https://login.microsoftonline.com/%s/v2.0/.well-known/openid-configuration",
              "clientID": "%s",
              "validateIssuer": true,
              "loggingLevel": "warn",
              "passReqToCallback": false
            }
            """.formatted(TID, CLIENT);

    static final List<String> ALL = List.of(MIW, B2C, JWTBEARER, SPRING_YAML, SPRING_PROPERTIES, SPRING_AZURE, APIM_JWT, APIM_AAD,
            APP_SERVICE, PASSPORT);

    private Fixtures() {
    }
}
