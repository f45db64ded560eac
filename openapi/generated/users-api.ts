// Generated from openapi/users-api.yaml by `npm run gen` (openapi-typescript). Do not edit.

export interface paths {
    "/v1beta1/users/oauth2/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Request an OAuth 2.0 access token */
        post: operations["requestUsersApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorResponse: {
            /** @description An RFC 6749 §5.2 error code */
            error: string;
            error_description?: string;
        };
        TokenRequest: {
            /**
             * @description The value must be client_credentials.
             * @constant
             */
            grant_type: "client_credentials";
            /**
             * @description If included, the value must be openid; the default scope is always openid.
             * @constant
             */
            scope?: "openid";
        };
        TokenResponse: {
            /** @description The OAuth 2.0 access token used to authorize API requests. */
            access_token: string;
            /** @description Lifetime of the access token in seconds; 900 (15 minutes) by default. */
            expires_in: number;
            /** @constant */
            scope: "openid";
            /** @constant */
            token_type: "Bearer";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    requestUsersApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description A TokenResponse */
            200: {
                headers: {
                    "Cache-Control": "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description The request has a missing or malformed parameter, or an unsupported grant type. */
            400: {
                headers: {
                    "Cache-Control": "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The client credentials are invalid, or the client is inactive. */
            401: {
                headers: {
                    "Cache-Control": "no-store";
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Only POST is accepted */
            405: {
                headers: {
                    Allow: "POST";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body over the size cap */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
