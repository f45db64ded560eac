// Generated from openapi/oauth.yaml by `npm run gen` (openapi-typescript). Do not edit.

export interface paths {
    "/_mock/client-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each client's verdicts on the client requirements (CL-*), judged from its requests so far */
        get: operations["getClientReport"];
        put?: never;
        post?: never;
        /** Forget every client's observations and the adversarial scenarios' codes; start over */
        delete: operations["clearClientReport"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the clients */
        get: operations["listClients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the mock clock */
        get: operations["getClock"];
        put?: never;
        /** Move the mock clock forward */
        post: operations["advanceClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/families": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the token families */
        get: operations["listFamilies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Forget codes, tokens, families, registered clients and scenarios; clock back to real time */
        post: operations["reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/scenarios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the queued scenarios */
        get: operations["listScenarios"];
        put?: never;
        /** The next `times` requests to `endpoint` answer an OAuth error, are delayed, are dropped, or get an adversarial answer (CL-15..CL-20) */
        post: operations["queueScenario"];
        /** Clear every queued scenario */
        delete: operations["clearScenarios"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 8414 authorization server metadata */
        get: operations["getAuthorizationServerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID Connect Discovery 1.0 metadata (same document plus OIDC fields) */
        get: operations["getOpenIdConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register an application (public-clients product document) */
        post: operations["registerApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        /** Read a registered application */
        get: operations["getApplication"];
        /** Same as PATCH */
        put: operations["replaceApplication"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update name, redirect_uris, allowed_scopes or app_link_url; client_type is immutable */
        patch: operations["updateApplication"];
        trace?: never;
    };
    "/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public signing keys (ES256) of access and ID tokens */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Authorization endpoint (RFC 6749 §4.1.1, RFC 7636 §4.3)
         * @description Unknown client, unregistered or missing-but-ambiguous redirect_uri: a 400 error page, never a redirect. Other errors are redirected to the registered URI with `error`, the exact `state` and `iss`. With consent `auto` a valid request is answered with the redirect carrying `code`, `state` and `iss`; with consent `page` a consent page is shown.
         */
        get: operations["authorize"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/authorize/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The consent page's Approve or Deny */
        post: operations["decideConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token introspection (RFC 7662); expired or revoked tokens are `active:false` */
        post: operations["introspect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token revocation (RFC 7009); revoking a refresh token revokes its family */
        post: operations["revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Token endpoint (RFC 6749 §3.2)
         * @description Form bodies only; a parameter sent twice is refused. Public clients authenticate with `client_id` only (a client_secret or Basic header fails with invalid_client); a confidential client only with its registered method. Every answer has `Cache-Control: no-store`. Any other method answers 405 with `Allow: POST`.
         */
        post: operations["token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/userinfo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID Connect UserInfo, the mock's protected resource */
        get: operations["userinfo"];
        put?: never;
        /** UserInfo by POST (OIDC Core §5.3.1) */
        post: operations["userinfoPost"];
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
        /**
         * @description wrong-state, wrong-iss, missing-iss, foreign-code (endpoint authorize); refresh-invalid-grant, no-new-refresh-token (endpoint token)
         * @enum {string}
         */
        Adversary: "wrong-state" | "wrong-iss" | "missing-iss" | "foreign-code" | "refresh-invalid-grant" | "no-new-refresh-token";
        Application: {
            allowed_scopes: string[];
            app_link_url?: string | null;
            client_id: string;
            /** @description Confidential clients only, returned once at registration */
            client_secret?: string;
            /** @enum {string} */
            client_type: "public" | "confidential";
            grant_types?: string[];
            id: number;
            name?: string;
            redirect_uris: string[];
            /** @enum {string} */
            status: "approved" | "inactive";
            /** @enum {string} */
            token_endpoint_auth_method: "none" | "client_secret_basic" | "client_secret_post";
        };
        ApplicationFields: {
            allowed_scopes?: string[];
            app_link_url?: string | null;
            /** @enum {string} */
            client_type?: "public" | "confidential";
            name?: string;
            redirect_uris?: string[];
        };
        /** @description The product document wraps the fields in `application`; a bare object is accepted too */
        ApplicationRequest: {
            application?: components["schemas"]["ApplicationFields"];
        } & {
            [key: string]: unknown;
        };
        /** @description Each client's verdict per client requirement (CL-*), judged by the mock from the client's requests. */
        ClientReport: {
            clients: {
                clientId: string;
                public: boolean;
                verdicts: {
                    evidence: string[];
                    id: string;
                    observations: number;
                    /** @enum {string} */
                    status: "pass" | "fail" | "warn" | "not-observed";
                }[];
            }[];
            /** Format: date-time */
            generatedAt: string;
            requirements: {
                id: string;
                /** @enum {string} */
                level: "MUST" | "SHOULD";
                rule: string;
                text: string;
            }[];
        };
        ClientSummary: {
            allowed_scopes: string[];
            client_id: string;
            /** @enum {string} */
            client_type: "public" | "confidential";
            grant_types: string[];
            name?: string;
            redirect_uris: string[];
            /** @enum {string} */
            status: "active" | "inactive";
            token_endpoint_auth_method: string;
        };
        ClockState: {
            /** Format: date-time */
            iso: string;
            /** @description ms since the epoch */
            now: number;
        };
        Empty: Record<string, never>;
        /** @description An HTML document */
        HtmlPage: string;
        IntrospectionResponse: {
            active: boolean;
            aud?: string;
            client_id?: string;
            exp?: number;
            iat?: number;
            iss?: string;
            jti?: string;
            nbf?: number;
            scope?: string;
            sub?: string;
            token_type?: string;
            username?: string;
        };
        Jwk: {
            alg?: string;
            crv?: string;
            kid?: string;
            kty: string;
            use?: string;
            x?: string;
            y?: string;
        };
        JwkSet: {
            keys: components["schemas"]["Jwk"][];
        };
        OAuthError: {
            /** @description RFC 6749 §5.2 (invalid_request, invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope), RFC 6750 §3.1 (invalid_token, insufficient_scope), RFC 7009 (unsupported_token_type), RFC 7591 §3.2.2 (invalid_redirect_uri, invalid_client_metadata), or not_found / forbidden / payload_too_large / method_not_allowed from the mock itself */
            error: string;
            error_description?: string;
            error_uri?: string;
        };
        Scenario: {
            action: components["schemas"]["ScenarioAction"];
            endpoint: components["schemas"]["ScenarioEndpoint"];
            id: number;
            remaining: number;
        };
        ScenarioAction: {
            error: string;
            error_description?: string;
            status?: number;
        } | {
            delay_ms: number;
        } | {
            /** @constant */
            drop: true;
        } | {
            adversary: components["schemas"]["Adversary"];
            client_id?: string;
        };
        /** @enum {string} */
        ScenarioEndpoint: "token" | "authorize" | "revoke" | "introspect" | "userinfo" | "registration" | "users-token";
        ScenarioList: {
            scenarios: components["schemas"]["Scenario"][];
        };
        ScenarioRequest: {
            action: components["schemas"]["ScenarioAction"];
            endpoint: components["schemas"]["ScenarioEndpoint"];
            /** @default 1 */
            times: number;
        };
        ServerMetadata: {
            /** Format: uri */
            authorization_endpoint: string;
            authorization_response_iss_parameter_supported: boolean;
            claims_supported?: string[];
            code_challenge_methods_supported: string[];
            grant_types_supported?: string[];
            id_token_signing_alg_values_supported?: string[];
            /** Format: uri */
            introspection_endpoint?: string;
            introspection_endpoint_auth_methods_supported?: string[];
            /** Format: uri */
            issuer: string;
            /** Format: uri */
            jwks_uri: string;
            /** Format: uri */
            registration_endpoint?: string;
            response_modes_supported?: string[];
            response_types_supported: string[];
            /** Format: uri */
            revocation_endpoint?: string;
            revocation_endpoint_auth_methods_supported?: string[];
            scopes_supported?: string[];
            subject_types_supported?: string[];
            /** Format: uri */
            token_endpoint: string;
            token_endpoint_auth_methods_supported?: string[];
            /** Format: uri */
            userinfo_endpoint?: string;
        };
        TokenFamilySummary: {
            client_id: string;
            created_at: number;
            id: string;
            refresh_expires_at?: number | null;
            refresh_tokens_issued: number;
            revoked_reason?: string | null;
            scope: string;
            /** @enum {string} */
            status: "active" | "revoked";
            sub: string;
        };
        TokenRequest: {
            client_id?: string;
            client_secret?: string;
            code?: string;
            code_verifier?: string;
            /** @description authorization_code, refresh_token or client_credentials */
            grant_type: string;
            redirect_uri?: string;
            refresh_token?: string;
            scope?: string;
        };
        TokenResponse: {
            access_token: string;
            expires_in: number;
            id_token?: string;
            refresh_token?: string;
            scope?: string;
            /** @constant */
            token_type: "Bearer";
        };
        UserInfo: {
            email?: string;
            email_verified?: boolean;
            name?: string;
            preferred_username?: string;
            sub: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description Refused control request (non-loopback caller, bad token, bad body) */
        ControlError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description The token lacks the `openid` scope (RFC 6750 §3.1) */
        InsufficientScope: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description Missing, malformed, expired or revoked bearer token (RFC 6750 §3.1) */
        InvalidToken: {
            headers: {
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description Wrong method for this path */
        MethodNotAllowed: {
            headers: {
                Allow: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description RFC 6749 §5.2 error */
        OAuthError400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description Client authentication failed */
        OAuthError401: {
            headers: {
                "WWW-Authenticate": components["headers"]["WwwAuthenticateBasic"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description Only POST is accepted */
        OAuthError405: {
            headers: {
                Allow: components["headers"]["AllowPost"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description Body over the size cap */
        OAuthError413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description Invalid metadata (RFC 7591 §3.2.2 codes) or unknown application */
        RegistrationError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        AllowPost: "POST";
        /** @description RFC 6749 §5.1 */
        NoStore: "no-store";
        /** @description RFC 6749 §5.2, present when client authentication failed */
        WwwAuthenticateBasic: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getClientReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientReport"];
                };
            };
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    clearClientReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The empty report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientReport"];
                };
            };
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    listClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Clients (without secrets) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clients: components["schemas"]["ClientSummary"][];
                    };
                };
            };
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    getClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Mock time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockState"];
                };
            };
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    advanceClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    advance_seconds: number;
                };
            };
        };
        responses: {
            /** @description Mock time after the move */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClockState"];
                };
            };
            400: components["responses"]["ControlError"];
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    listFamilies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Token families */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        families: components["schemas"]["TokenFamilySummary"][];
                    };
                };
            };
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        reset: true;
                    };
                };
            };
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    listScenarios: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued scenarios */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScenarioList"];
                };
            };
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    queueScenario: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScenarioRequest"];
            };
        };
        responses: {
            /** @description Queued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scenario"];
                };
            };
            400: components["responses"]["ControlError"];
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    clearScenarios: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cleared */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScenarioList"];
                };
            };
            401: components["responses"]["ControlError"];
            403: components["responses"]["ControlError"];
        };
    };
    getAuthorizationServerMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerMetadata"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getOpenIdConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerMetadata"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    registerApplication: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicationRequest"];
            };
        };
        responses: {
            /** @description Registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            400: components["responses"]["RegistrationError"];
            401: components["responses"]["InvalidToken"];
            413: components["responses"]["RegistrationError"];
        };
    };
    getApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The application */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            401: components["responses"]["InvalidToken"];
            404: components["responses"]["RegistrationError"];
        };
    };
    replaceApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicationRequest"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            400: components["responses"]["RegistrationError"];
            401: components["responses"]["InvalidToken"];
            404: components["responses"]["RegistrationError"];
        };
    };
    updateApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                client_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicationRequest"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            400: components["responses"]["RegistrationError"];
            401: components["responses"]["InvalidToken"];
            404: components["responses"]["RegistrationError"];
        };
    };
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON Web Key Set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JwkSet"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    authorize: {
        parameters: {
            query: {
                client_id: string;
                code_challenge?: string;
                code_challenge_method?: "S256";
                login_hint?: string;
                nonce?: string;
                redirect_uri?: string;
                response_type: "code";
                scope?: string;
                state?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent page (consent mode `page`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /** @description Redirect to the client with `code` or `error`, plus `state` and `iss` */
            302: {
                headers: {
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error page (unknown client, bad redirect_uri); never a redirect */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["HtmlPage"];
                };
            };
        };
    };
    decideConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @enum {string} */
                    decision: "approve" | "deny";
                    request_id: string;
                };
            };
        };
        responses: {
            /** @description The consent page again, when `decision` is neither approve nor deny */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /** @description Redirect to the client with `code` (approve) or `error=access_denied` (deny) */
            302: {
                headers: {
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown or already decided request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["HtmlPage"];
                };
            };
            413: components["responses"]["OAuthError413"];
        };
    };
    introspect: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    client_id?: string;
                    client_secret?: string;
                    token: string;
                    /** @enum {string} */
                    token_type_hint?: "access_token" | "refresh_token";
                };
            };
        };
        responses: {
            /** @description Introspection response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntrospectionResponse"];
                };
            };
            400: components["responses"]["OAuthError400"];
            401: components["responses"]["OAuthError401"];
            405: components["responses"]["OAuthError405"];
            413: components["responses"]["OAuthError413"];
        };
    };
    revoke: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    client_id?: string;
                    client_secret?: string;
                    token: string;
                    /** @enum {string} */
                    token_type_hint?: "access_token" | "refresh_token";
                };
            };
        };
        responses: {
            /** @description Revoked, or the token was unknown (RFC 7009 §2.2) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Empty"];
                };
            };
            400: components["responses"]["OAuthError400"];
            401: components["responses"]["OAuthError401"];
            405: components["responses"]["OAuthError405"];
            413: components["responses"]["OAuthError413"];
        };
    };
    token: {
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
            /** @description Tokens (RFC 6749 §5.1) */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description RFC 6749 §5.2 error */
            400: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description Client authentication failed (invalid_client) */
            401: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "WWW-Authenticate": components["headers"]["WwwAuthenticateBasic"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description Method not allowed (RFC 6749 §3.2 requires POST) */
            405: {
                headers: {
                    Allow: components["headers"]["AllowPost"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description Body over the size cap */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
        };
    };
    userinfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Claims of the token's subject */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserInfo"];
                };
            };
            401: components["responses"]["InvalidToken"];
            403: components["responses"]["InsufficientScope"];
            413: components["responses"]["OAuthError413"];
        };
    };
    userinfoPost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Claims of the token's subject */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserInfo"];
                };
            };
            401: components["responses"]["InvalidToken"];
            403: components["responses"]["InsufficientScope"];
            413: components["responses"]["OAuthError413"];
        };
    };
}
