import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { OBJECT_ID } from './is-object-id';

@Injectable()
export class ObjectIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!OBJECT_ID.test(value))
      throw new BadRequestException(`'${value.slice(0, 64)}' is not a valid id: 24 lower-case hex characters`);
    return value;
  }
}
