// Generated from openapi/desktop-ipc.yaml by `npm run gen` (openapi-typescript). Do not edit.

export interface paths {
    "/_mock/desktop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Dashboard page - pending prompts with Approve/Deny, sessions, activity
         * @description Also served at `/_mock/desktop/`.
         */
        get: operations["desktopDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts, vaults and items (field names, never values) */
        get: operations["listDesktopAccounts"];
        put?: never;
        /** Add an account (with vaults and items) */
        post: operations["addDesktopAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/accounts/{account}/vaults": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Account name as shown in the app, its UUID, or its sign-in address */
                account: components["parameters"]["AccountKey"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a vault (with items) to an account */
        post: operations["addDesktopVault"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/accounts/{account}/vaults/{vault}/items": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Account name as shown in the app, its UUID, or its sign-in address */
                account: components["parameters"]["AccountKey"];
                /** @description Vault id or title */
                vault: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an item to a vault */
        post: operations["addDesktopItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The activity log - command, time, process, account (DSK-10); last 1000 entries */
        get: operations["getActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events of the channel
         * @description Each event has `event: <type>` and `data: <DesktopEvent JSON>`. Types: prompt, approval, denial, timeout, cancel, lock, unlock, expiry (reason idle, hard_limit, lock, integration_off), integration, policy, activity, reset. Comments (`:`) are heartbeats.
         */
        get: operations["streamDesktopEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/events/recent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last 100 events, oldest first (the same objects the stream sends) */
        get: operations["recentDesktopEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/integration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether "Integrate with other apps" is on */
        get: operations["getIntegration"];
        put?: never;
        /** Turn the integration on or off (off ends sessions and open prompts; DSK-8) */
        post: operations["setIntegration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lock the app - every session ends at once (DSK-6) */
        post: operations["lockApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The approval policy */
        get: operations["getPolicy"];
        /** Set the approval policy (manual, approve, deny) and the prompt timeout */
        put: operations["putPolicy"];
        /** Same as PUT */
        post: operations["postPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/prompts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending prompts */
        get: operations["listPrompts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/prompts/{promptId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A pending prompt's id */
                promptId: components["parameters"]["PromptId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a pending prompt (approving while locked unlocks the app) */
        post: operations["approvePrompt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/prompts/{promptId}/deny": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A pending prompt's id */
                promptId: components["parameters"]["PromptId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deny a pending prompt */
        post: operations["denyPrompt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Back to the configured state - no prompts, sessions, activity or scenarios */
        post: operations["resetDesktop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/scenarios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Armed transport faults */
        get: operations["getDesktopScenarios"];
        put?: never;
        /**
         * Arm transport faults
         * @description `{"drop": N}`: the next N requests on the socket have their connection closed without an answer (clients see LostConnectionToApp). `{"refuse": true}`: stop listening and remove the socket file, as if the app were not running; `{"refuse": false}` listens again on the same path. `{"rate_limit": N}`: the next N data-plane requests answer 429 RateLimitExceeded. `{"rate_budget": {"requests": N, "per_seconds": S}}`: from now on each process may make N data-plane requests per S seconds of mock time, the rest answer RateLimitExceeded (`null` removes the budget; DELETE leaves it). `{"lock_in_flight": N}`: the app locks while each of the next N invocations runs (the call may finish or fail, never hang). `{"silent": N}`: the next N requests are read and never answered (an app that stops answering). Fields combine.
         */
        post: operations["setDesktopScenarios"];
        /** Disarm every fault (and listen again if refusing) */
        delete: operations["clearDesktopScenarios"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live grants, one per (process, account) */
        get: operations["getSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lock state, integration switch, policy, counts, scenarios and mock time */
        get: operations["getDesktopState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mock/desktop/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unlock the app - ended sessions stay ended (DSK-6) */
        post: operations["unlockApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * init_client - prompt the user (unless a grant is live) and create a client
         * @description With a live grant for (caller process, account) the answer is immediate and restarts the idle window. Otherwise a prompt opens (account, process, integration, scope "entire account", duration) and the request is held until the prompt is approved (201), denied (403), or times out (408). A caller that hangs up cancels its prompt.
         */
        post: operations["initClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id `POST /v1/clients` returned (128 random bits, base64url) */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** release_client - forget the client id (the process's grant stays) */
        delete: operations["releaseClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{clientId}/invoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id `POST /v1/clients` returned (128 random bits, base64url) */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoke - run one method on the client's account
         * @description The body is the simplified invocation `{name, parameters}` (the client id is in the path; the SDK envelope `{invocation: {clientId, parameters: {name, parameters}}}` is spoken by the raw adapter). Each call restarts the 10-minute idle window and is recorded in the activity log. An unknown client id, another process's client id, and an ended grant all answer 401 DesktopSessionExpired.
         */
        post: operations["invoke"];
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
        AccountInput: {
            /**
             * Format: uuid
             * @description Random when omitted
             */
            id?: string;
            name: string;
            /** @description A host name such as acme.example.com */
            sign_in_address?: string;
            vaults?: components["schemas"]["VaultInput"][];
        };
        AccountRef: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        AccountSummary: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The sign-in address (acme.example.com), as the CLI names accounts */
            sign_in_address: string | null;
            vaults: {
                description: string;
                id: string;
                items: components["schemas"]["ItemSummary"][];
                title: string;
            }[];
        };
        ActivityEntry: {
            account: components["schemas"]["AccountRef"];
            /** @description The method name */
            command: string;
            /** @description The error name when outcome is error */
            error?: string;
            integration: components["schemas"]["Integration"];
            /** @enum {string} */
            outcome: "ok" | "error";
            process: components["schemas"]["Process"];
            /** Format: date-time */
            time: string;
        };
        /** @description The init_client configuration the SDKs send */
        ClientConfiguration: {
            /** @description The account name as shown in the app, or its UUID */
            account_name: string;
            architecture?: string;
            integrationName: string;
            integrationVersion: string;
            os?: string;
            osVersion?: string;
            programmingLanguage?: string;
            requestLibraryName?: string;
            requestLibraryVersion?: string;
            sdkVersion?: string;
        };
        DesktopEvent: {
            activity?: components["schemas"]["ActivityEntry"];
            enabled?: boolean;
            policy?: components["schemas"]["Policy"];
            prompt?: components["schemas"]["Prompt"];
            /** @enum {string} */
            reason?: "idle" | "hard_limit" | "lock" | "integration_off" | "reset";
            session?: components["schemas"]["Session"];
            /** Format: date-time */
            time: string;
            /** @enum {string} */
            type: "prompt" | "approval" | "denial" | "timeout" | "cancel" | "lock" | "unlock" | "expiry" | "integration" | "policy" | "activity" | "reset";
        };
        DesktopState: {
            integration_enabled: boolean;
            /** Format: date-time */
            iso: string;
            locked: boolean;
            /** @description Mock time, ms since the epoch */
            now: number;
            pending_prompts: number;
            policy: components["schemas"]["Policy"];
            scenarios: components["schemas"]["Scenarios"];
            sessions: number;
            socket_path: string;
        };
        /** @description Every error of the channel and its control plane */
        Error: {
            /** @description What went wrong and what to do */
            message: string;
            /** @description AuthorizationDenied, AuthorizationTimeout, AccountNotFound, IntegrationDisabled, DesktopSessionExpired, RateLimitExceeded, vaultNotFound, itemNotFound, fieldNotFound, invalidSecretReference, tooManyVaults, tooManyItems, tooManyMatchingFields, UnsupportedMethod, InvalidRequest, PayloadTooLarge, MethodNotAllowed, NotFound, PromptNotFound, ForbiddenOrigin */
            name: string;
        };
        FieldInput: {
            id?: string;
            title: string;
            /** @description Text (default), Concealed, ... */
            type?: string;
            value: string;
        };
        /**
         * @description process (default) - a grant is per process, as the SDKs get it; terminal - per terminal session and that session's start time (Linux /proc/<pid>/stat session id, tty and the session leader's start time), as the CLI gets it: processes of one session share it.
         * @enum {string}
         */
        GrantScope: "process" | "terminal";
        InitClientResponse: {
            account: components["schemas"]["AccountRef"];
            clientId: string;
        };
        Integration: {
            name: string;
            version: string;
        };
        Invocation: {
            /** @description VaultsList, VaultsGet, ItemsList, ItemsGet, ItemsCreate, ItemsPut, ItemsDelete, SecretsResolve or SecretsResolveAll; others answer UnsupportedMethod */
            name: string;
            /** @description VaultsList {}; VaultsGet {vault_id}; ItemsList {vault_id}; ItemsGet {vault_id, item_id}; SecretsResolve {secret_reference: "op://vault/item/field"}; SecretsResolveAll {secret_references: [..1 to 100]}; ItemsCreate {params: {vaultId, title, category?, fields?: [{id?, title, fieldType?, value}], notes?}} -> Item; ItemsPut {item: Item as ItemsGet answers it, changed} -> Item (itemNotFound when no item has its id); ItemsDelete {vault_id, item_id} -> null. Vaults and items are named by id or by title (case-insensitive); writes name items by id. */
            parameters?: Record<string, never>;
        };
        InvokeResponse: {
            result: components["schemas"]["VaultOverview"][] | components["schemas"]["VaultDetail"] | components["schemas"]["ItemOverview"][] | components["schemas"]["Item"] | string | components["schemas"]["ResolveAllResponse"] | null;
        };
        Item: {
            category: string;
            fields: {
                fieldType: string;
                id: string;
                title: string;
                value: string;
            }[];
            id: string;
            notes: string;
            title: string;
            vaultId: string;
        };
        ItemInput: {
            /** @description Login (default), ApiCredentials, Database, ... */
            category?: string;
            fields?: components["schemas"]["FieldInput"][];
            id?: string;
            notes?: string;
            title: string;
        };
        ItemOverview: {
            category: string;
            id: string;
            title: string;
            vaultId: string;
        };
        ItemSummary: {
            category: string;
            fields: {
                fieldType: string;
                id: string;
                title: string;
            }[];
            id: string;
            title: string;
        };
        Policy: {
            mode: components["schemas"]["PolicyMode"];
            prompt_timeout_seconds: number;
            scope: components["schemas"]["GrantScope"];
        };
        /**
         * @description manual - prompts wait for approve/deny; approve - every prompt is approved at once; deny - every prompt is denied at once
         * @enum {string}
         */
        PolicyMode: "manual" | "approve" | "deny";
        /** @description The caller as the socket identified it; identity_source "connection" means the peer was not visible and one connection counts as one process */
        Process: {
            executable: string | null;
            /** @enum {string} */
            identity_source: "peer" | "connection";
            pid: number | null;
            /** @description Clock ticks since boot (/proc/<pid>/stat field 22) */
            start_time: number | null;
            uid: number | null;
        };
        /** @description What the app shows (DSK-2) - account, process, integration, scope and duration */
        Prompt: {
            account: components["schemas"]["AccountRef"];
            /** Format: date-time */
            created_at: string;
            duration: {
                description: string;
                /** @constant */
                hard_limit_seconds: 43200;
                /** @constant */
                idle_seconds: 600;
            };
            /**
             * Format: date-time
             * @description When the prompt times out unanswered
             */
            expires_at: string;
            id: string;
            integration: components["schemas"]["Integration"];
            process: components["schemas"]["Process"];
            /** @constant */
            scope: "entire account";
            /** @enum {string} */
            status: "pending" | "approved" | "denied" | "timed_out" | "cancelled";
        };
        /** @description Data-plane requests each process may make per window of mock time; null for no budget */
        RateBudget: null | {
            per_seconds: number;
            requests: number;
        };
        ResolveAllResponse: {
            /** @description One entry per requested reference */
            individualResponses: {
                [key: string]: {
                    content: {
                        itemId: string;
                        secret: string;
                        vaultId: string;
                    };
                } | {
                    error: {
                        message: string;
                        /** @enum {string} */
                        type: "vaultNotFound" | "itemNotFound" | "fieldNotFound" | "invalidSecretReference" | "tooManyVaults" | "tooManyItems" | "tooManyMatchingFields";
                    };
                };
            };
        };
        Scenarios: {
            /** @description Requests still to be dropped */
            drop: number;
            /** @description Invocations still to see the app lock while they run */
            lock_in_flight: number;
            rate_budget: components["schemas"]["RateBudget"];
            /** @description Data-plane requests still to answer 429 */
            rate_limit: number;
            /** @description Not listening (as if the app were not running) */
            refuse: boolean;
            /** @description Requests still to go unanswered */
            silent: number;
        };
        Session: {
            account: components["schemas"]["AccountRef"];
            clients: number;
            /** Format: date-time */
            granted_at: string;
            /** Format: date-time */
            hard_expires_at: string;
            id: string;
            /** Format: date-time */
            idle_expires_at: string;
            integration: components["schemas"]["Integration"];
            /** Format: date-time */
            last_used_at: string;
            process: components["schemas"]["Process"];
        };
        VaultDetail: {
            description: string;
            id: string;
            itemCount: number;
            title: string;
        };
        VaultInput: {
            description?: string;
            id?: string;
            items?: components["schemas"]["ItemInput"][];
            title: string;
        };
        VaultOverview: {
            id: string;
            title: string;
        };
    };
    responses: {
        /** @description A cross-site browser request (Origin or Sec-Fetch-Site from another site) */
        ControlForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "ForbiddenOrigin";
                } & components["schemas"]["Error"];
            };
        };
        /** @description Bad control input */
        ControlInvalid: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "InvalidRequest";
                } & components["schemas"]["Error"];
            };
        };
        /** @description No such account or vault */
        ControlNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    name?: "AccountNotFound" | "vaultNotFound";
                } & components["schemas"]["Error"];
            };
        };
        /** @description The grant ended (10 minutes idle, lock, 12-hour limit, integration turned off), the client id is unknown, or it belongs to another process: one answer for all (no probing). SDKs re-run init_client once and retry. */
        DesktopSessionExpired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "DesktopSessionExpired";
                } & components["schemas"]["Error"];
            };
        };
        /** @description The integration switch */
        Integration: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    enabled: boolean;
                };
            };
        };
        /** @description The integration is turned off in the app's settings; the message tells the user to turn it on */
        IntegrationDisabled: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "IntegrationDisabled";
                } & components["schemas"]["Error"];
            };
        };
        /** @description Malformed request (what was wrong is in the message) */
        InvalidRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "InvalidRequest";
                } & components["schemas"]["Error"];
            };
        };
        /** @description Wrong HTTP method for this path (the Allow header names the right one) */
        MethodNotAllowed: {
            headers: {
                Allow: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "MethodNotAllowed";
                } & components["schemas"]["Error"];
            };
        };
        /** @description The body is over 1 MB */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "PayloadTooLarge";
                } & components["schemas"]["Error"];
            };
        };
        /** @description The approval policy */
        Policy: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Policy"];
            };
        };
        /** @description The prompt as answered */
        PromptAnswered: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    prompt: components["schemas"]["Prompt"];
                };
            };
        };
        /** @description No pending prompt has that id (answered, timed out or cancelled) */
        PromptNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "PromptNotFound";
                } & components["schemas"]["Error"];
            };
        };
        /** @description Too many requests, or too many open prompts from this process (5) */
        RateLimitExceeded: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    name?: "RateLimitExceeded";
                } & components["schemas"]["Error"];
            };
        };
        /** @description Armed faults */
        Scenarios: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Scenarios"];
            };
        };
        /** @description The app's state after the change */
        State: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DesktopState"];
            };
        };
    };
    parameters: {
        /** @description Account name as shown in the app, its UUID, or its sign-in address */
        AccountKey: string;
        /** @description The id `POST /v1/clients` returned (128 random bits, base64url) */
        ClientId: string;
        /** @description A pending prompt's id */
        PromptId: string;
    };
    requestBodies: {
        Policy: {
            content: {
                "application/json": {
                    mode?: components["schemas"]["PolicyMode"];
                    prompt_timeout_seconds?: number;
                    scope?: components["schemas"]["GrantScope"];
                };
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    desktopDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            403: components["responses"]["ControlForbidden"];
        };
    };
    listDesktopAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accounts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accounts: components["schemas"]["AccountSummary"][];
                    };
                };
            };
            403: components["responses"]["ControlForbidden"];
        };
    };
    addDesktopAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountInput"];
            };
        };
        responses: {
            /** @description Added */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account: components["schemas"]["AccountSummary"];
                    };
                };
            };
            400: components["responses"]["ControlInvalid"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    addDesktopVault: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Account name as shown in the app, its UUID, or its sign-in address */
                account: components["parameters"]["AccountKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VaultInput"];
            };
        };
        responses: {
            /** @description Added */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        vault: {
                            description: string;
                            id: string;
                            title: string;
                        };
                    };
                };
            };
            400: components["responses"]["ControlInvalid"];
            403: components["responses"]["ControlForbidden"];
            404: components["responses"]["ControlNotFound"];
        };
    };
    addDesktopItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Account name as shown in the app, its UUID, or its sign-in address */
                account: components["parameters"]["AccountKey"];
                /** @description Vault id or title */
                vault: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ItemInput"];
            };
        };
        responses: {
            /** @description Added */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        item: components["schemas"]["ItemSummary"];
                    };
                };
            };
            400: components["responses"]["ControlInvalid"];
            403: components["responses"]["ControlForbidden"];
            404: components["responses"]["ControlNotFound"];
        };
    };
    getActivity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Entries, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activity: components["schemas"]["ActivityEntry"][];
                    };
                };
            };
            403: components["responses"]["ControlForbidden"];
        };
    };
    streamDesktopEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            403: components["responses"]["ControlForbidden"];
        };
    };
    recentDesktopEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recent events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["DesktopEvent"][];
                    };
                };
            };
            403: components["responses"]["ControlForbidden"];
        };
    };
    getIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Integration"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    setIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                };
            };
        };
        responses: {
            200: components["responses"]["Integration"];
            400: components["responses"]["ControlInvalid"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    lockApp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["State"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    getPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Policy"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    putPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Policy"];
        responses: {
            200: components["responses"]["Policy"];
            400: components["responses"]["ControlInvalid"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    postPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Policy"];
        responses: {
            200: components["responses"]["Policy"];
            400: components["responses"]["ControlInvalid"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    listPrompts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Pending prompts, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        prompts: components["schemas"]["Prompt"][];
                    };
                };
            };
            403: components["responses"]["ControlForbidden"];
        };
    };
    approvePrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A pending prompt's id */
                promptId: components["parameters"]["PromptId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["PromptAnswered"];
            403: components["responses"]["ControlForbidden"];
            404: components["responses"]["PromptNotFound"];
        };
    };
    denyPrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A pending prompt's id */
                promptId: components["parameters"]["PromptId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["PromptAnswered"];
            403: components["responses"]["ControlForbidden"];
            404: components["responses"]["PromptNotFound"];
        };
    };
    resetDesktop: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["State"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    getDesktopScenarios: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Scenarios"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    setDesktopScenarios: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    drop?: number;
                    lock_in_flight?: number;
                    rate_budget?: components["schemas"]["RateBudget"];
                    rate_limit?: number;
                    refuse?: boolean;
                    silent?: number;
                };
            };
        };
        responses: {
            200: components["responses"]["Scenarios"];
            400: components["responses"]["ControlInvalid"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    clearDesktopScenarios: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Scenarios"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    getSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live sessions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessions: components["schemas"]["Session"][];
                    };
                };
            };
            403: components["responses"]["ControlForbidden"];
        };
    };
    getDesktopState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description State */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DesktopState"];
                };
            };
            403: components["responses"]["ControlForbidden"];
        };
    };
    unlockApp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["State"];
            403: components["responses"]["ControlForbidden"];
        };
    };
    initClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientConfiguration"];
            };
        };
        responses: {
            /** @description Approved, or a grant was live; the client id is bound to the caller process */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InitClientResponse"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            /** @description The user denied the prompt (or the app was reset / the caller hung up while it was open) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        name?: "AuthorizationDenied";
                    } & components["schemas"]["Error"];
                };
            };
            /** @description No account by that name (as shown in the app) or UUID */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        name?: "AccountNotFound";
                    } & components["schemas"]["Error"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
            /** @description Nobody answered the prompt within the prompt timeout */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        name?: "AuthorizationTimeout";
                    } & components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimitExceeded"];
            503: components["responses"]["IntegrationDisabled"];
        };
    };
    releaseClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id `POST /v1/clients` returned (128 random bits, base64url) */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Released */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["DesktopSessionExpired"];
            405: components["responses"]["MethodNotAllowed"];
            503: components["responses"]["IntegrationDisabled"];
        };
    };
    invoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id `POST /v1/clients` returned (128 random bits, base64url) */
                clientId: components["parameters"]["ClientId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Invocation"];
            };
        };
        responses: {
            /** @description The method's result */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvokeResponse"];
                };
            };
            /** @description Malformed invocation (InvalidRequest), a method this channel does not serve (UnsupportedMethod), a malformed op:// reference (invalidSecretReference), or a name that matches several objects (tooManyVaults, tooManyItems, tooManyMatchingFields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        name?: "InvalidRequest" | "UnsupportedMethod" | "invalidSecretReference" | "tooManyVaults" | "tooManyItems" | "tooManyMatchingFields";
                    } & components["schemas"]["Error"];
                };
            };
            401: components["responses"]["DesktopSessionExpired"];
            /** @description The vault, item or field named (by id or name) does not exist in the account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        name?: "vaultNotFound" | "itemNotFound" | "fieldNotFound";
                    } & components["schemas"]["Error"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimitExceeded"];
            503: components["responses"]["IntegrationDisabled"];
        };
    };
}
