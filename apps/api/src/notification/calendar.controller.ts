import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CalendarService } from './calendar.service.js';

/** GET /calendar/<token>.ics: no session (calendar apps cannot sign in); the token is the credential, revocable. */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':file')
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = /^(.+)\.ics$/.exec(file)?.[1];
    const body = token ? await this.calendar.feed(token) : null;
    if (body === null) throw new NotFoundException('No calendar feed at this address (the token may have been revoked)');
    res.setHeader('content-type', 'text/calendar; charset=utf-8');
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    res.send(body);
  }
}
