CREATE INDEX "mirror_messages_recipient_key_trgm_idx" ON "mirror_messages" USING gin ("recipient_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "mirror_messages_originator_key_trgm_idx" ON "mirror_messages" USING gin ("originator_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "mirror_optouts_mobile_key_trgm_idx" ON "mirror_optouts" USING gin ("mobile_key" gin_trgm_ops);