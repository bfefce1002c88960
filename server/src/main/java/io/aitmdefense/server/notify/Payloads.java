package io.aitmdefense.server.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body each channel expects. Log-derived text (a user name, a summary quoting a rule name) is attacker-controlled,
 * so each channel's markup is neutralised: Slack's mrkdwn control characters are escaped, Teams' text is kept out of
 * links.
 */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    static String of(NotifyTarget.Channel channel, Notification n) {
        return switch (channel) {
            case WEBHOOK -> webhook(n);
            case TEAMS -> teams(n);
            case SLACK -> slack(n);
        };
    }

    /** {@code aitm.notification/1}: the notification's fields as they are, for a SOAR or a script. */
    static String webhook(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schema", "aitm.notification/1");
        o.put("event", n.event());
        ObjectNode i = o.putObject("incident");
        i.put("id", n.incidentId());
        i.put("tenant", n.tenant());
        i.put("user", n.user());
        i.put("severity", n.severity());
        i.put("summary", n.summary());
        n.stages().forEach(i.putArray("stages")::add);
        n.detections().forEach(i.putArray("detections")::add);
        i.put("alerts", n.alerts());
        o.put("link", n.link());
        return o.toString();
    }

    /**
     * A Teams incoming webhook's message: one Adaptive Card attachment ({@code application/vnd.microsoft.card.adaptive},
     * card version 1.4) with the headline, the summary, the facts and an "Open in console" button.
     */
    static String teams(Notification n) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", teamsText(n.title())).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true)
                .put("color", n.severity().equals("critical") || n.severity().equals("high") ? "Attention" : "Default");
        body.addObject().put("type", "TextBlock").put("text", teamsText(n.summary())).put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        facts.addObject().put("title", "Severity").put("value", n.severity());
        facts.addObject().put("title", "User").put("value", teamsText(n.user()));
        facts.addObject().put("title", "Stages").put("value", String.join(", ", n.stages()));
        facts.addObject().put("title", "Detections").put("value", String.join(", ", n.detections()));
        facts.addObject().put("title", "Incident").put("value", n.incidentId());
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open in console").put("url", n.link());
        return message.toString();
    }

    /** A Slack incoming webhook's message: {@code text} for the notification itself, and blocks for the channel. */
    static String slack(Notification n) {
        ObjectNode message = JSON.createObjectNode();
        message.put("text", slackText(n.title()));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", clip(n.title(), 150));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", clip(slackText(n.summary()), 3000));
        ArrayNode fields = section.putArray("fields");
        fields.addObject().put("type", "mrkdwn").put("text", "*Severity*\n" + n.severity());
        fields.addObject().put("type", "mrkdwn").put("text", "*User*\n" + slackText(n.user()));
        fields.addObject().put("type", "mrkdwn").put("text", "*Stages*\n" + String.join(", ", n.stages()));
        fields.addObject().put("type", "mrkdwn").put("text", "*Incident*\n" + n.incidentId());
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
        button.put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", "Open in console");
        button.put("url", n.link());
        return message.toString();
    }

    /** Slack's three control characters: {@code <https://evil|click here>} in a log field must stay text. */
    static String slackText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Teams renders a Markdown subset in TextBlocks: a {@code [text](url)} from a log field must not become a link. */
    static String teamsText(String s) {
        return s.replace("[", "\\[").replace("]", "\\]");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
