using System.Text;

namespace LspGen.Spec.Prd;

/// <summary>Which part of a PRD a heading starts.</summary>
internal enum PrdSection { Preamble, Entities, UserStories, Integrations, Other }

/// <summary>
/// The words a PRD is read with: section headings, known vendors. Matching is on whole, normalised
/// titles and whole words, never on substrings ("striped" is not Stripe).
/// </summary>
internal static class PrdVocabulary
{
    private static readonly HashSet<string> EntityHeadings = new(StringComparer.Ordinal)
    {
        "entities", "entity", "entity list", "data model", "data models", "domain model", "domain models",
        "data entities", "entity definitions", "entities and fields", "database schema", "data schema", "models",
    };

    private static readonly HashSet<string> StoryHeadings = new(StringComparer.Ordinal) { "stories", "user story", "user stories" };

    private static readonly HashSet<string> IntegrationHeadings = new(StringComparer.Ordinal)
    {
        "integrations", "integration", "third party integrations", "external integrations", "external services",
        "third party services", "external apis", "third party apis", "services and integrations",
    };

    // Headings that start a top-level section of a PRD: they end the entity section at any level.
    private static readonly HashSet<string> OtherHeadings = new(StringComparer.Ordinal)
    {
        "overview", "introduction", "summary", "executive summary", "background", "problem", "problem statement",
        "goals", "objectives", "non goals", "scope", "out of scope", "features", "feature list", "key features",
        "requirements", "functional requirements", "non functional requirements", "nonfunctional requirements",
        "non functional", "nfr", "nfrs", "constraints", "assumptions", "dependencies", "risks", "open questions",
        "milestones", "timeline", "roadmap", "success metrics", "metrics", "kpis", "api", "api endpoints", "endpoints",
        "security", "authentication", "permissions", "roles", "personas", "users", "target users", "tech stack",
        "technology", "architecture", "deployment", "testing", "appendix", "glossary", "references", "notes",
        "use cases", "workflows", "user flows", "ui", "design", "release plan", "acceptance criteria",
    };

    /// <summary>Lower-case, marks and numbering removed, hyphens as spaces: "## 3. Non-Functional:" → "non functional".</summary>
    public static string NormaliseTitle(string title)
    {
        var sb = new StringBuilder(title.Length);
        var i = 0;
        // Leading numbering: "3.", "3.1", "3)", "III." is not numbering we know, so it stays.
        while (i < title.Length && (char.IsAsciiDigit(title[i]) || title[i] is '.' or ')' or ' ' or '*' or '_' or '`')) i++;
        if (i > 0 && !title[..i].Any(char.IsAsciiDigit)) i = 0;
        for (; i < title.Length; i++)
        {
            var c = title[i];
            if (c is '*' or '_' or '`' or ':') continue;
            if (c is '-' or '–' or '—' or '/' or '&' || char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
                continue;
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().Trim();
    }

    public static PrdSection? Classify(string normalisedTitle)
    {
        var t = normalisedTitle;
        if (EntityHeadings.Contains(t)) return PrdSection.Entities;
        if (StoryHeadings.Contains(t) || t.StartsWith("user stor", StringComparison.Ordinal)) return PrdSection.UserStories;
        if (IntegrationHeadings.Contains(t) || t.EndsWith(" integrations", StringComparison.Ordinal)) return PrdSection.Integrations;
        if (OtherHeadings.Contains(t) || t.StartsWith("non functional", StringComparison.Ordinal)
            || t.StartsWith("nonfunctional", StringComparison.Ordinal) || t.EndsWith(" requirements", StringComparison.Ordinal))
            return PrdSection.Other;
        return null;
    }

    // Lower-case spelling → the vendor's own spelling (which names the integration and its setting).
    private static readonly Dictionary<string, string> Vendors = new(StringComparer.Ordinal)
    {
        ["stripe"] = "Stripe", ["paypal"] = "PayPal", ["braintree"] = "Braintree", ["adyen"] = "Adyen", ["paddle"] = "Paddle",
        ["plaid"] = "Plaid", ["auth0"] = "Auth0", ["clerk"] = "Clerk", ["okta"] = "Okta", ["firebase"] = "Firebase",
        ["supabase"] = "Supabase", ["sendgrid"] = "SendGrid", ["postmark"] = "Postmark", ["mailgun"] = "Mailgun",
        ["mailchimp"] = "Mailchimp", ["resend"] = "Resend", ["twilio"] = "Twilio", ["vonage"] = "Vonage",
        ["datadog"] = "Datadog", ["sentry"] = "Sentry", ["segment"] = "Segment", ["mixpanel"] = "Mixpanel",
        ["amplitude"] = "Amplitude", ["posthog"] = "PostHog", ["github"] = "GitHub", ["gitlab"] = "GitLab",
        ["slack"] = "Slack", ["discord"] = "Discord", ["s3"] = "S3", ["cloudinary"] = "Cloudinary",
        ["algolia"] = "Algolia", ["openai"] = "OpenAI", ["anthropic"] = "Anthropic", ["shopify"] = "Shopify",
        ["zapier"] = "Zapier", ["intercom"] = "Intercom", ["hubspot"] = "HubSpot", ["salesforce"] = "Salesforce",
        ["zendesk"] = "Zendesk", ["pagerduty"] = "PagerDuty", ["pusher"] = "Pusher", ["cloudflare"] = "Cloudflare",
        ["mapbox"] = "Mapbox", ["google maps"] = "Google Maps", ["amazon s3"] = "S3", ["aws s3"] = "S3",
        ["google analytics"] = "Google Analytics", ["onesignal"] = "OneSignal", ["docusign"] = "DocuSign",
    };

    /// <summary>The vendor named by one word, or by it and the next word ("Google Maps"), as (name, words used).</summary>
    public static (string Name, int Words)? Vendor(string word, string? next)
    {
        var w = word.ToLowerInvariant();
        if (next is not null && Vendors.TryGetValue(w + " " + next.ToLowerInvariant(), out var pair)) return (pair, 2);
        return Vendors.TryGetValue(w, out var single) ? (single, 1) : null;
    }
}
