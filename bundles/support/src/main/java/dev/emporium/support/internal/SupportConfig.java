package dev.emporium.support.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the support department (PID {@code dev.emporium.support}); changes take effect without a restart. */
@ObjectClassDefinition(name = "Emporium support", description = "Live chat, follow-ups, service cases and community watch")
public @interface SupportConfig {

    String PID = "dev.emporium.support";

    @AttributeDefinition(description = "A customer's cart with lines untouched for this many minutes is an abandoned checkout (0: at the next sweep)")
    int followUpIdleMinutes() default 60;

    @AttributeDefinition(description = "The consent purpose a sales follow-up needs (asked of the customers department)")
    String followUpPurpose() default "promotions";

    @AttributeDefinition(description = "Channels a follow-up may use, in order of preference (EMAIL, PHONE, MESSAGING)")
    String followUpChannels() default "EMAIL,PHONE";

    @AttributeDefinition(description = "How often abandoned checkouts and social-listening sources are looked at, in seconds (0: never)")
    int sweepSeconds() default 60;

    @AttributeDefinition(description = "Target for an agent's first answer to a buyer's complaint or question, in minutes")
    int firstResponseMinutes() default 60;

    @AttributeDefinition(description = "Target from a buyer's first complaint or question to the case resolved, in hours")
    int resolutionHours() default 48;

    @AttributeDefinition(description = "Mentions and cases of customers with at least this influence (0 to 100) are flagged first")
    int influenceThreshold() default 50;

    @AttributeDefinition(description = "How long one Server-Sent Events response of a chat stays open before the browser reconnects, in seconds")
    int streamSeconds() default 30;

    @AttributeDefinition(description = "Words that make a mention positive when its source does not rate it, comma separated")
    String positiveWords() default "love,great,excellent,perfect,delicious,recommend,thanks,happy,amazing,superb";

    @AttributeDefinition(description = "Words that make a mention negative when its source does not rate it, comma separated")
    String negativeWords() default "broken,late,never,worst,refund,disappointed,awful,bad,corked,damaged,missing,scam";
}
